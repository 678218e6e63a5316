/**
 * Prefix lists through a whole diagnosis of the demo world against the sandbox over real
 * HTTP: expanded when read, the hop unknown when the read is forbidden, and the same on a
 * replay of the saved world fragment. (The adapter's own cases are in adapters.test.ts.)
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { loadWorldFile, parseWorld } from '@/lib/sandbox/world/load';
import type { World } from '@/lib/schemas/world';
import { startTestSandbox } from '@/lib/store/__fixtures__/sandbox-env';
import { formatWorldYaml, toWorldFragment } from '@/lib/store/world-fragment';

describe('sg-prefix-list-drop through a whole diagnosis', () => {
  const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
  const scenario = demo.scenarios.find((item) => item.id === 'sg-prefix-list-drop');
  if (!scenario) throw new Error('the demo world has no sg-prefix-list-drop scenario');
  const request = { ...scenario, host: scenario.destination };
  const listCalls: string[] = [];
  const run = async (served: World, scenarioRequest = request) => {
    const live = await startTestSandbox(served);
    try {
      live.use();
      const result = await diagnoseWithFacts(scenarioRequest);
      listCalls.splice(0, listCalls.length, ...live.sandbox.openApi.calls().map((call) => call.action).filter((action) => /PrefixList|PortRangeList/.test(action)));
      return result;
    } finally {
      await live.close();
    }
  };
  const diagnose = async (deny: World['ram']['deny']) => (await run({ ...demo, ram: { deny } })).diagnosis;

  it('blocks at the security group, showing the prefix list and the entry that matched', async () => {
    const diagnosis = await diagnose([]);
    const hop = diagnosis.hops.find((item) => item.kind === 'securityGroup');
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop }).toStrictEqual({ verdict: 'blocked', blockingHop: 'securityGroup' });
    expect(hop?.summary).toMatch(/through prefix list pl-\w+ entry 203\.0\.113\.20\/32$/);
    const listTable = hop?.evidence.tables[1];
    expect(listTable?.rows[listTable.decidingRow ?? -1]).toStrictEqual(['203.0.113.20/32', 'api.partner.example.com: contract under review (SEC-3120)', 'yes']);
  });

  it('reads the one list the rules of the path name, and no list for a path whose rules name none', async () => {
    await diagnose([]);
    expect(listCalls).toStrictEqual(['DescribePrefixListAttributes']);
    const sgDrop = demo.scenarios.find((item) => item.id === 'sg-drop');
    if (!sgDrop) throw new Error('the demo world has no sg-drop scenario');
    await run(demo, { ...sgDrop, host: sgDrop.destination });
    expect(listCalls).toStrictEqual([]);
  });

  it('is unknown, naming the forbidden read, when the prefix list may not be read', async () => {
    const diagnosis = await diagnose([{ action: 'DescribePrefixListAttributes' }]);
    const hop = diagnosis.hops.find((item) => item.kind === 'securityGroup');
    expect({ verdict: diagnosis.verdict, hop: hop?.verdict }).toStrictEqual({ verdict: 'unknown', hop: 'unknown' });
    expect(hop?.reason).toMatch(/names prefix list pl-\w+, which was not read \(Forbidden\.RAM on DescribePrefixListAttributes pl-\w+: .*\); it could drop the flow$/);
    expect(diagnosis.errors.map((error) => error.code)).toContain('Forbidden.RAM');
  });

  it('replays the forbidden read from its saved world fragment with the same hops', async () => {
    const live = await run({ ...demo, ram: { deny: [{ action: 'DescribePrefixListAttributes' }] } });
    const fragment = parseWorld(formatWorldYaml(toWorldFragment(live)), 'fragment.yaml');
    expect(fragment.ram.deny.filter((deny) => deny.action === 'DescribePrefixListAttributes')).toHaveLength(1);
    const replay = await run(fragment);
    const verdicts = (diagnosis: typeof replay.diagnosis) => [diagnosis.verdict, ...diagnosis.hops.map((hop) => `${hop.kind}: ${hop.verdict}`)];
    expect(verdicts(replay.diagnosis)).toStrictEqual(verdicts(live.diagnosis));
  });
});
