/**
 * Human output of the CLI: a hop table per diagnosis, expected vs actual per scenario. In
 * English unless the locale (from `LC_ALL` / `LC_MESSAGES` / `LANG`) is Japanese or Chinese:
 * then hop names, verdicts and every sentence that carries a message come from that catalog.
 */
import { addressesLineMessage, addressOutcomeMessage, shownAddress } from '@/lib/analysis/address-summary';
import { HOP_LABELS, HOP_ORDER } from '@/lib/analysis/hop-order';
import { formatMessage, msg, type Message, type MessageParam } from '@/lib/analysis/message';
import type { HopVerdict } from '@/lib/analysis/model';
import { catalogFor } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/locales';
import { renderText } from '@/lib/i18n/sentences';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';

const marks: Record<HopVerdict, string> = { pass: '✓', block: '✗', warn: '!', unknown: '?', skip: '-' };

/** Columns a terminal gives the text: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1), 0);
}

function pad(text: string, width: number): string {
  const shown = displayWidth(text);
  return shown >= width ? text : text + ' '.repeat(width - shown);
}

/** The diagnosis (fresh, or saved as the API sends it) as a readable table, the blocking hop's fixes below it. */
export function formatDiagnosis(diagnosis: DiagnosisView, locale: Locale = 'en'): string {
  const say = (id: string, params?: Record<string, MessageParam>) => formatMessage(catalogFor(locale), locale, msg(id, params)) ?? id;
  const hopLabel = (kind: string) => say(`hops.${kind}`);
  const text = (english: string, message: Parameters<typeof renderText>[2]) => renderText(locale, english, message);
  const { request, destination, source } = diagnosis;
  const lines = [
    `${request.cluster}/${request.namespace}/${request.pod} → ${request.destination} (${request.host}:${request.port}/${request.protocol})`,
    `source ${source.sourceAddress ?? '?'} (${say(source.networkMode === 'vpc' ? 'request.modeVpc' : 'request.modeFlannel')}${source.vSwitchId ? `, ${source.vSwitchId}` : ''})  destination ${say(`destinationKinds.${destination.kind}`)}${destination.addresses.length ? ` ${destination.addresses.join(', ')}` : ''}`,
    '',
  ];
  const kindWidth = Math.max(...diagnosis.hops.map((hop) => displayWidth(hopLabel(hop.kind))), 4);
  for (const hop of diagnosis.hops) {
    const summary = text(hop.summary, hop.summaryMessage);
    const reason = hop.reason === null || hop.summary.includes(hop.reason) ? '' : ` — ${text(hop.reason, hop.reasonMessage)}`;
    const mark = `${marks[hop.verdict]} ${say(`cli.mark.${hop.verdict}`)}`;
    lines.push(`  ${pad(hopLabel(hop.kind), kindWidth)}  ${pad(mark, 9)}  ${summary}${reason}`);
  }
  const verdict = say(`cli.verdict.${diagnosis.verdict}`);
  lines.push('', diagnosis.blockingHop ? say('cli.verdictLineBlocking', { verdict, hop: hopLabel(diagnosis.blockingHop) }) : say('cli.verdictLine', { verdict }));
  const render = (message: Message) => formatMessage(catalogFor(locale), locale, message) ?? message.id;
  const severalMessage = addressesLineMessage(diagnosis);
  const several = severalMessage ? render(severalMessage) : null;
  if (several) {
    const results = diagnosis.addresses ?? [];
    lines.push(`addresses: ${several}`);
    if (results.length > 1) {
      const shown = shownAddress(diagnosis);
      lines.push(...results.map((result) => `  ${pad(result.address, 15)}  ${render(addressOutcomeMessage(result, diagnosis.hops))}${result.address === shown ? '  (hops above)' : ''}`));
    }
  }
  for (const hop of diagnosis.hops.filter((item) => item.verdict === 'block')) {
    for (const fix of hop.fixes) {
      lines.push('', `${say('cli.fix')} [${hopLabel(hop.kind)}] ${text(fix.title, fix.titleMessage)}`, `  ${text(fix.description, fix.descriptionMessage)}`, `  ${say('cli.risk', { risk: text(fix.risk, fix.riskMessage) })}`);
      if (fix.kind === 'manual') lines.push(...fix.steps.map((step, index) => `  - ${text(step, fix.stepMessages?.[index])}`));
      else lines.push(`  $ ${fix.command}`);
    }
  }
  for (const error of diagnosis.errors) lines.push(say('cli.couldNotRead', { resource: error.resource, code: error.code ?? error.reason, message: error.message }));
  return `${lines.join('\n')}\n`;
}

export interface ScenarioOutcome {
  id: string;
  expected: { verdict: string; blockingHop: string | null };
  actual: { verdict: string; blockingHop: string | null };
  matches: boolean;
}

/** `blocked at Security group`, `reachable`: a verdict with the hop's label (a kind we do not know shows as it is). */
function outcomeText(value: { verdict: string; blockingHop: string | null }): string {
  if (!value.blockingHop) return value.verdict;
  const hop = value.blockingHop;
  const kind = HOP_ORDER.find((item) => item === hop);
  return `${value.verdict} at ${kind ? HOP_LABELS[kind] : hop}`;
}

/** One line a scenario, then `N passed, N failed`. */
export function formatScenarioTable(outcomes: ScenarioOutcome[]): string {
  const idWidth = Math.max(...outcomes.map((outcome) => displayWidth(outcome.id)), 8);
  const expectedWidth = Math.max(...outcomes.map((outcome) => displayWidth(outcomeText(outcome.expected))), 8);
  const lines = [`  ${pad('scenario', idWidth)}  ${pad('expected', expectedWidth)}  actual`];
  for (const outcome of outcomes) {
    lines.push(`${outcome.matches ? '✓' : '✗'} ${pad(outcome.id, idWidth)}  ${pad(outcomeText(outcome.expected), expectedWidth)}  ${outcomeText(outcome.actual)}`);
  }
  const passed = outcomes.filter((outcome) => outcome.matches).length;
  lines.push('', `scenarios: ${passed} passed, ${outcomes.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}
