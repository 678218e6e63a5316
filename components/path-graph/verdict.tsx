import { cva } from 'class-variance-authority';
import { useTranslations } from 'next-intl';

import type { NodeVerdict } from '@/lib/analysis/graph';
import { cn } from '@/lib/cn';

/** Words for each verdict: the verdict is never told by colour alone. */
export const VERDICT_TEXT: Readonly<Record<NodeVerdict, string>> = {
  pass: 'Pass',
  block: 'Blocks',
  warn: 'Warning',
  unknown: 'Unknown',
  skip: 'Skipped',
};

/** Border, background and text of a node or panel by verdict. */
export const verdictSurface = cva('border', {
  variants: {
    verdict: {
      pass: 'border-emerald-300 bg-white dark:border-emerald-800 dark:bg-slate-900',
      block: 'border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950/60',
      warn: 'border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/40',
      unknown: 'border-violet-300 bg-violet-50/60 dark:border-violet-800 dark:bg-violet-950/40',
      skip: 'border-dashed border-slate-300 bg-slate-50 text-slate-500 dark:border-slate-700 dark:bg-slate-900/60 dark:text-slate-400',
    },
  },
});

/** Text colour of verdict icons and labels. */
export const verdictText = cva('', {
  variants: {
    verdict: {
      pass: 'text-emerald-700 dark:text-emerald-400',
      block: 'text-red-700 dark:text-red-400',
      warn: 'text-amber-700 dark:text-amber-400',
      unknown: 'text-violet-700 dark:text-violet-400',
      skip: 'text-slate-500 dark:text-slate-400',
    },
  },
});

/** Stroke colour of edges (SVG `stroke` through currentColor). */
export const verdictStroke = cva('', {
  variants: {
    verdict: {
      pass: 'text-emerald-500 dark:text-emerald-500',
      block: 'text-red-500 dark:text-red-500',
      warn: 'text-amber-500 dark:text-amber-500',
      unknown: 'text-violet-500 dark:text-violet-400',
      skip: 'text-slate-400 dark:text-slate-600',
    },
  },
});

const ICON_PATHS: Readonly<Record<NodeVerdict, React.ReactNode>> = {
  pass: <path d="M5 10.5l3 3 7-7" />,
  block: (
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M5.2 14.8l9.6-9.6" />
    </>
  ),
  warn: (
    <>
      <path d="M10 3l7.5 13.5h-15z" />
      <path d="M10 8.5v3.5M10 14.2v.1" />
    </>
  ),
  unknown: (
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M7.8 8a2.3 2.3 0 1 1 3.2 2.1c-.6.3-1 .8-1 1.4v.3M10 14.3v.1" />
    </>
  ),
  skip: <path d="M4 10h12M12 6l4 4-4 4" />,
};

/** The verdict's icon (decorative: always shown beside its text). */
export function VerdictIcon({ verdict, className }: { verdict: NodeVerdict; className?: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn('size-4 shrink-0', verdictText({ verdict }), className)}
    >
      {ICON_PATHS[verdict]}
    </svg>
  );
}

/** Icon and word of a verdict, e.g. ⊘ Blocks. */
export function VerdictLabel({ verdict, className }: { verdict: NodeVerdict; className?: string }) {
  const t = useTranslations();
  return (
    <span className={cn('inline-flex items-center gap-1 text-xs font-semibold', verdictText({ verdict }), className)}>
      <VerdictIcon verdict={verdict} className="size-3.5" />
      {t(`hopVerdict.${verdict}`)}
    </span>
  );
}
