/**
 * The what-if figure of `npm run bench`: one re-evaluation of a saved diagnosis's facts with an
 * edit (apply the edit, evaluate the path, diff against the original — what the route does after
 * reading the row), on the generated large environment.
 */
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { PathFacts } from '@/lib/analysis/model';
import { whatIfEditSchema } from '@/lib/schemas/what-if-edits';
import { evaluateWhatIf } from '@/lib/what-if/evaluate-what-if';

import type { BenchEnvironment } from './bench-facts';
import { median } from './bench-stats';

/** Median milliseconds of one what-if (an accept rule added to the source's first security group) over `runs` runs. */
export function benchWhatIf(environment: BenchEnvironment, runs = 50): number {
  const pod = environment.cluster.pod;
  const facts: PathFacts = {
    request: { cluster: 'bench', namespace: pod.namespace, pod: pod.name, destination: '203.0.113.10:443', host: '203.0.113.10', port: 443, protocol: 'tcp' },
    readAt: '2026-01-01T00:00:00.000Z',
    cluster: environment.cluster,
    dnsAnswers: null,
    cloud: environment.cloud,
  };
  const diagnosis = { ...evaluatePath(facts, environment.destination), id: 'bench' };
  const groupId = environment.cloud.securityGroups.kind === 'ok' ? (environment.cloud.securityGroups.value[0]?.id ?? '') : '';
  const edits = [whatIfEditSchema.parse({ kind: 'addSecurityGroupRule', securityGroupId: groupId, cidr: '203.0.113.10/32', portRange: { from: 443, to: 443 } })];
  const durations: number[] = [];
  for (let run = 0; run < runs + 5; run += 1) {
    const started = performance.now();
    const outcome = evaluateWhatIf({ diagnosis, facts }, edits);
    if (outcome.kind !== 'ok') throw new Error(`bench what-if edit refused: ${outcome.message}`);
    if (run >= 5) durations.push(performance.now() - started);
  }
  return median(durations);
}
