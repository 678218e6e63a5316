/**
 * `npm run cli -- audit`: which pods of a namespace, a workload or the cluster reach one or
 * more destinations (lib/fleet/run-audit.ts), as text, JSON or CSV, with CI exit codes.
 */
import { readFile } from 'node:fs/promises';

import { auditMatrixCsv, buildAuditMatrix, csvField } from '@/lib/fleet/matrix';
import type { AuditResult } from '@/lib/schemas/audit';

export interface AuditOptions {
  cluster?: string;
  namespace?: string;
  workload?: string;
  all: boolean;
  to?: string[];
  'to-file'?: string;
  port?: string;
  protocol?: string;
  json: boolean;
  csv: boolean;
}

/** Thrown for input the user must change (exit 3). */
export class AuditUsageError extends Error {}

/** Destinations of a file: one `host[:port]` (or URL) a line; blank lines and `#` comments skipped. */
export function destinationsOfFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function scopeText(result: AuditResult): string {
  switch (result.scope.kind) {
    case 'cluster':
      return `every namespace of ${result.cluster}`;
    case 'namespace':
      return `namespace ${result.scope.namespace} of ${result.cluster}`;
    case 'workload':
      return `${result.scope.namespace}/${result.scope.workloadKind}/${result.scope.name} of ${result.cluster}`;
    default: {
      const exhaustive: never = result.scope;
      throw new Error(`unhandled scope ${JSON.stringify(exhaustive)}`);
    }
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/** The audit as text: per destination the counts, the groups with a few pods each, the single change. */
export function formatAudit(result: AuditResult): string {
  const lines = [`audit of ${scopeText(result)}: ${plural(result.podCount, 'pod')} in ${plural(result.classes, 'class')}${result.skipped.length > 0 ? ` (${result.skipped.length} finished pods left out)` : ''}`];
  for (const outcome of result.destinations) {
    const { destination, counts } = outcome;
    lines.push('', `→ ${destination.destination} (${destination.host}:${destination.port}/${destination.protocol}): ${counts.reachable} reachable, ${counts.blocked} blocked, ${counts.unknown} unknown`);
    for (const group of outcome.groups) {
      const pods = outcome.pods.filter((pod) => pod.group === group.id);
      const shown = pods.slice(0, 3).map((pod) => `${pod.namespace}/${pod.name}`);
      lines.push(`  ${plural(group.pods, 'pod')} ${group.title}${shown.length > 0 ? `: ${shown.join(', ')}${pods.length > shown.length ? `, … ${pods.length - shown.length} more` : ''}` : ''}`);
    }
    if (outcome.singleChange.kind === 'change') {
      const { fix, unblocks } = outcome.singleChange;
      lines.push(`  single change that unblocks the most (${plural(unblocks, 'pod')}): ${fix.title}`);
      if (fix.kind !== 'manual') lines.push(`    $ ${fix.command.split('\n')[0] ?? ''}`);
    } else if (counts.blocked > 0) {
      lines.push(`  ${outcome.singleChange.reason}`);
    }
    const first = outcome.pods.find((pod) => pod.verdict !== 'reachable');
    if (first) lines.push(`  full diagnosis of ${first.namespace}/${first.name}: npm run cli -- diagnose --cluster ${result.cluster} --from ${first.namespace}/${first.name} --to ${destination.destination} --port ${destination.port}`);
  }
  if (result.destinations.length > 1) {
    const matrix = buildAuditMatrix(result);
    lines.push('', 'workload × destination:');
    for (const row of matrix.rows) lines.push(`  ${row.workload}: ${row.cells.map((cell, index) => `${matrix.destinations[index]}=${cell.verdict}${cell.reachable > 0 && cell.reachable < cell.total ? `(${cell.reachable}/${cell.total})` : ''}`).join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One destination: a row per pod; several: the workload × destination matrix. */
export function auditCsv(result: AuditResult): string {
  if (result.destinations.length > 1) return auditMatrixCsv(buildAuditMatrix(result));
  const lines = [['namespace', 'pod', 'workload', 'ip', 'verdict', 'blocking hop', 'group', 'diagnosis'].join(',')];
  for (const outcome of result.destinations) {
    const titles = new Map(outcome.groups.map((group) => [group.id, group.title]));
    for (const pod of outcome.pods) lines.push([pod.namespace, pod.name, pod.workload, pod.ip ?? '', pod.verdict, pod.blockingHop ?? '', titles.get(pod.group) ?? '', pod.diagnosisUrl].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The request body of the options (parsed by the same schema as the API). */
export async function auditBody(options: AuditOptions): Promise<unknown> {
  const fromFile = options['to-file'] ? destinationsOfFile(await readFile(options['to-file'], 'utf8')) : [];
  const destinations = [...(options.to ?? []), ...fromFile];
  if (destinations.length === 0) throw new AuditUsageError('audit needs --to <destination> or --to-file <file> (one destination a line).');
  if (options.json && options.csv) throw new AuditUsageError('give --json or --csv, not both.');
  return {
    cluster: options.cluster,
    namespace: options.namespace,
    workload: options.workload,
    all: options.all ? true : undefined,
    destinations,
    port: options.port,
    protocol: options.protocol,
  };
}
