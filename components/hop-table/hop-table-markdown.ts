import { addressesLine, hopsOfLine } from '@/lib/analysis/address-summary';
import { HOP_LABELS } from '@/lib/analysis/graph';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';

const VERDICT_TEXT = { pass: 'pass', block: 'BLOCK', warn: 'warn', unknown: 'unknown', skip: 'skip' } as const;

/** Escapes what would break a Markdown table cell (pipes, line breaks). */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The rule or entry that decided a hop, as the table shows it: its label, then its id when they differ. */
export function decidedByText(hop: DiagnosisView['hops'][number]): string {
  const decided = hop.evidence.decidedBy;
  if (!decided) return '—';
  return decided.label === decided.id || decided.label.includes(decided.id) ? decided.label : `${decided.label} (${decided.id})`;
}

/**
 * The diagnosis as a Markdown step list for a ticket: what was asked, the verdict, and
 * one row per hop (verdict, deciding rule, summary, fix count), like the cloud consoles'
 * connectivity-test traces.
 */
export function hopTableMarkdown(diagnosis: DiagnosisView, link: string | null): string {
  const { request } = diagnosis;
  const verdict = diagnosis.verdict === 'blocked' && diagnosis.blockingHop ? `blocked at ${HOP_LABELS[diagnosis.blockingHop]}` : diagnosis.verdict;
  const lines = [
    `**${cell(`${request.cluster}/${request.namespace}/${request.pod}`)} → ${cell(request.destination)}** (${request.host}:${request.port}/${request.protocol}): **${verdict}**`,
    '',
    ...[addressesLine(diagnosis), hopsOfLine(diagnosis)].flatMap((line) => (line ? [`${cell(line)}.`, ''] : [])),
    '| # | Hop | Verdict | Decided by | Summary | Fixes |',
    '|---|-----|---------|------------|---------|-------|',
    ...diagnosis.hops.map(
      (hop, index) =>
        `| ${index + 1} | ${HOP_LABELS[hop.kind]} | ${VERDICT_TEXT[hop.verdict]} | ${cell(decidedByText(hop))} | ${cell(hop.reason && !hop.summary.includes(hop.reason) ? `${hop.summary} — ${hop.reason}` : hop.summary)} | ${hop.fixes.length} |`,
    ),
  ];
  if (link) lines.push('', `Diagnosis: ${link}`);
  return `${lines.join('\n')}\n`;
}
