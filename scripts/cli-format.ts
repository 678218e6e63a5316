/**
 * Human output of the CLI: a hop table per diagnosis, expected vs actual per scenario. In
 * English unless the locale (from `LC_ALL` / `LC_MESSAGES` / `LANG`) is Japanese or Chinese:
 * then hop names, verdicts and every sentence that carries a message come from that catalog.
 */
import { addressesLineMessage, addressOutcomeMessage, shownAddress } from '@/lib/analysis/address-summary';
import { formatMessage, msg, type Message, type MessageParam } from '@/lib/analysis/message';
import type { Diagnosis, HopVerdict } from '@/lib/analysis/model';
import { catalogFor } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/locales';
import { renderText } from '@/lib/i18n/sentences';

const marks: Record<HopVerdict, string> = { pass: '✓', block: '✗', warn: '!', unknown: '?', skip: '-' };

/** Columns a terminal gives the text: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1), 0);
}

function pad(text: string, width: number): string {
  const shown = displayWidth(text);
  return shown >= width ? text : text + ' '.repeat(width - shown);
}

/** The diagnosis as a readable table, the blocking hop's fixes below it. */
export function formatDiagnosis(diagnosis: Diagnosis, locale: Locale = 'en'): string {
  const say = (id: string, params?: Record<string, MessageParam>) => formatMessage(catalogFor(locale), locale, msg(id, params)) ?? id;
  const hopLabel = (kind: string) => say(`hops.${kind}`);
  const text = (english: string, message: Parameters<typeof renderText>[2]) => renderText(locale, english, message);
  const { request, destination, source } = diagnosis;
  const lines = [
    `${request.cluster}/${request.namespace}/${request.pod} → ${request.destination} (${request.host}:${request.port}/${request.protocol})`,
    `source ${source.sourceAddress ?? '?'} (${source.networkMode}${source.vSwitchId ? `, ${source.vSwitchId}` : ''})  destination ${destination.kind}${destination.addresses.length ? ` ${destination.addresses.join(', ')}` : ''}`,
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

/** One line a scenario, then `N passed, N failed`. */
export function formatScenarioTable(outcomes: ScenarioOutcome[]): string {
  const idWidth = Math.max(...outcomes.map((outcome) => displayWidth(outcome.id)), 8);
  const show = (value: { verdict: string; blockingHop: string | null }) => `${value.verdict}${value.blockingHop ? `@${value.blockingHop}` : ''}`;
  const lines = [`  ${pad('scenario', idWidth)}  ${pad('expected', 26)}  actual`];
  for (const outcome of outcomes) {
    lines.push(`${outcome.matches ? '✓' : '✗'} ${pad(outcome.id, idWidth)}  ${pad(show(outcome.expected), 26)}  ${show(outcome.actual)}`);
  }
  const passed = outcomes.filter((outcome) => outcome.matches).length;
  lines.push('', `scenarios: ${passed} passed, ${outcomes.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}
