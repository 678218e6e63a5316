'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';

import type { NodeVerdict } from '@/lib/analysis/graph';
import { cn } from '@/lib/cn';

import { useTerm, useText } from '@/components/i18n/use-text';

import type { AddressFlowNode, DestinationFlowNode, HopFlowNode, SourceFlowNode } from './flow-types';
import type { LayoutDirection } from './layout';
import { VerdictIcon, VerdictLabel, verdictSurface } from './verdict';

const HANDLE_CLASS = '!size-1.5 !min-h-0 !min-w-0 !border-0 !bg-transparent';

/** Invisible connection points on the sides the edges use in this direction. */
function Handles({ direction, target = true, source = true }: { direction: LayoutDirection; target?: boolean; source?: boolean }) {
  return (
    <>
      {target ? <Handle type="target" position={direction === 'LR' ? Position.Left : Position.Top} isConnectable={false} className={HANDLE_CLASS} /> : null}
      {source ? <Handle type="source" position={direction === 'LR' ? Position.Right : Position.Bottom} isConnectable={false} className={HANDLE_CLASS} /> : null}
    </>
  );
}

// NOTE: the size matches NODE_WIDTH × NODE_HEIGHT of layout.ts.
const BOX = 'flex h-[116px] w-[184px] flex-col gap-1 overflow-hidden rounded-md px-2.5 py-2 text-left shadow-xs';

/** Up to three lines; the whole text is the tooltip, and the hop details and table say it in full. */
function Summary({ children }: { children: string }) {
  return (
    <p title={children} className="line-clamp-3 text-xs leading-snug [overflow-wrap:anywhere] text-slate-600 dark:text-slate-300">
      {children}
    </p>
  );
}

function EndpointBox({ testId, title, label, summary, verdict, verdictText }: { testId: string; title: string; label: string; summary: string; verdict: NodeVerdict; verdictText?: string }) {
  return (
    <div data-testid={testId} data-verdict={verdict} className={cn(BOX, 'border border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-800')}>
      <span className="text-[11px] font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">{title}</span>
      {verdictText ? (
        <span className="inline-flex items-center gap-1 text-xs font-semibold whitespace-nowrap">
          <VerdictIcon verdict={verdict} className="size-3.5 shrink-0" />
          {verdictText}
        </span>
      ) : null}
      <p className="truncate font-mono text-xs font-medium" title={label}>
        {label}
      </p>
      <Summary>{summary}</Summary>
    </div>
  );
}

export function SourcePathNode({ data }: NodeProps<SourceFlowNode>) {
  const t = useTranslations();
  return (
    <>
      <EndpointBox testId="node-source" title={t('graph.sourcePod')} label={data.model.label} summary={data.model.summary} verdict="pass" />
      <Handles direction={data.direction} target={false} />
    </>
  );
}

export function DestinationPathNode({ data }: NodeProps<DestinationFlowNode>) {
  const t = useTranslations();
  const verdictText = data.model.verdict === 'skip' ? '—' : t(`graph.destinationVerdict.${data.model.verdict}`);
  return (
    <>
      <Handles direction={data.direction} />
      <EndpointBox testId="node-destination" title={t('graph.destination')} label={data.model.label} summary={data.model.summary} verdict={data.model.verdict} verdictText={verdictText} />
    </>
  );
}

/** One resolved address: its own verdict colour and outcome, or neutral and "not evaluated" beyond the bound. */
export function AddressPathNode({ data }: NodeProps<AddressFlowNode>) {
  const { model } = data;
  const t = useTranslations();
  const term = useTerm();
  const text = useText();
  return (
    <>
      <Handles direction={data.direction} source={false} />
      <div
        data-testid={`node-address-${model.label}`}
        data-verdict={model.verdict}
        data-evaluated={model.evaluated}
        data-primary={model.primary}
        className={cn(BOX, 'justify-center', model.evaluated ? verdictSurface({ verdict: model.verdict }) : 'border border-dashed border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900', model.primary && 'ring-2 ring-sky-500/60 ring-offset-1 ring-offset-white dark:ring-offset-slate-950')}
      >
        <span className="text-[11px] font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">{t('graph.address')}</span>
        <p className="font-mono text-xs font-medium">{model.label}</p>
        {model.evaluated ? <VerdictLabel verdict={model.verdict} className="text-xs" /> : null}
        <Summary>{model.summaryMessage ? text(model.summary, model.summaryMessage) : term(model.summary)}</Summary>
      </div>
    </>
  );
}

export function HopPathNode({ data }: NodeProps<HopFlowNode>) {
  const { model, isSelected, onSelect } = data;
  const t = useTranslations();
  const text = useText();
  return (
    <>
      <Handles direction={data.direction} />
      <button
        type="button"
        data-testid={`hop-${model.hop}`}
        data-verdict={model.verdict}
        aria-pressed={isSelected}
        onClick={() => onSelect(model.hop)}
        className={cn(
          BOX,
          verdictSurface({ verdict: model.verdict }),
          'nodrag nopan cursor-pointer transition-shadow hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600',
          model.blocking && 'ring-2 ring-red-500 ring-offset-2 ring-offset-white dark:ring-offset-slate-950',
          isSelected && !model.blocking && 'ring-2 ring-sky-500 ring-offset-1 ring-offset-white dark:ring-offset-slate-950',
          isSelected && model.blocking && 'shadow-lg shadow-red-500/20',
        )}
      >
        <span className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">{t(`hops.${model.hop}`)}</span>
        <span className="flex items-center gap-1.5 whitespace-nowrap">
          <VerdictLabel verdict={model.verdict} className="text-xs" />
          {model.blocking ? <span className="rounded bg-red-600 px-1 py-px text-[10px] leading-tight font-bold whitespace-nowrap text-white uppercase">{t('hopDetails.blocksHere')}</span> : null}
        </span>
        <Summary>{text(model.summary, model.summaryMessage)}</Summary>
        {/* The visible text is the accessible name (axe: label-content-name-mismatch); this says what a press does. */}
        <span className="sr-only">{t('graph.showDetails')}</span>
      </button>
    </>
  );
}
