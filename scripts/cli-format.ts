/** Human output of the CLI: a hop table per diagnosis, expected vs actual per scenario. */
import { addressesLine, addressOutcome, shownAddress } from '@/lib/analysis/address-summary';
import { HOP_LABELS } from '@/lib/analysis/graph';
import type { Diagnosis, HopVerdict } from '@/lib/analysis/model';

const marks: Record<HopVerdict, string> = { pass: '✓ pass', block: '✗ BLOCK', warn: '! warn', unknown: '? unknown', skip: '- skip' };

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The diagnosis as a readable table, the blocking hop's fixes below it. */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const { request, destination, source } = diagnosis;
  const lines = [
    `${request.cluster}/${request.namespace}/${request.pod} → ${request.destination} (${request.host}:${request.port}/${request.protocol})`,
    `source ${source.sourceAddress ?? '?'} (${source.networkMode}${source.vSwitchId ? `, ${source.vSwitchId}` : ''})  destination ${destination.kind}${destination.addresses.length ? ` ${destination.addresses.join(', ')}` : ''}`,
    '',
  ];
  const kindWidth = Math.max(...diagnosis.hops.map((hop) => HOP_LABELS[hop.kind].length), 4);
  for (const hop of diagnosis.hops) {
    lines.push(`  ${pad(HOP_LABELS[hop.kind], kindWidth)}  ${pad(marks[hop.verdict], 9)}  ${hop.summary}${hop.reason && !hop.summary.includes(hop.reason) ? ` — ${hop.reason}` : ''}`);
  }
  lines.push('', `verdict: ${diagnosis.verdict.toUpperCase()}${diagnosis.blockingHop ? ` (first blocking hop: ${HOP_LABELS[diagnosis.blockingHop]})` : ''}`);
  const several = addressesLine(diagnosis, HOP_LABELS);
  if (several) {
    const results = diagnosis.addresses ?? [];
    lines.push(`addresses: ${several}`);
    if (results.length > 1) {
      const shown = shownAddress(diagnosis);
      lines.push(...results.map((result) => `  ${pad(result.address, 15)}  ${addressOutcome(result, HOP_LABELS, diagnosis.hops)}${result.address === shown ? '  (hops above)' : ''}`));
    }
  }
  for (const hop of diagnosis.hops.filter((item) => item.verdict === 'block')) {
    for (const fix of hop.fixes) {
      lines.push('', `fix [${HOP_LABELS[hop.kind]}] ${fix.title}`, `  ${fix.description}`, `  risk: ${fix.risk}`);
      if (fix.kind === 'manual') lines.push(...fix.steps.map((step) => `  - ${step}`));
      else lines.push(`  $ ${fix.command}`);
    }
  }
  for (const error of diagnosis.errors) lines.push(`note: could not read ${error.resource} (${error.code ?? error.reason}): ${error.message}`);
  return `${lines.join('\n')}\n`;
}

export interface ScenarioOutcome {
  id: string;
  expected: { verdict: string; blockingHop: string | null };
  actual: { verdict: string; blockingHop: string | null };
  matches: boolean;
}

/** One line a scenario, then `N passed, N failed`. */
export function formatScenarioTable(outcomes: ScenarioOutcome[]): string {
  const idWidth = Math.max(...outcomes.map((outcome) => outcome.id.length), 8);
  const show = (value: { verdict: string; blockingHop: string | null }) => `${value.verdict}${value.blockingHop ? `@${value.blockingHop}` : ''}`;
  const lines = [`  ${pad('scenario', idWidth)}  ${pad('expected', 26)}  actual`];
  for (const outcome of outcomes) {
    lines.push(`${outcome.matches ? '✓' : '✗'} ${pad(outcome.id, idWidth)}  ${pad(show(outcome.expected), 26)}  ${show(outcome.actual)}`);
  }
  const passed = outcomes.filter((outcome) => outcome.matches).length;
  lines.push('', `scenarios: ${passed} passed, ${outcomes.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}
