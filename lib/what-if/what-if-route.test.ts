/**
 * `POST /api/diagnoses/{id}/what-if` on diagnoses of the demo world read from the sandbox:
 * the edit that removes the blocking rule turns the verdict, with the diff and the fix that
 * makes it; nothing is read or written in the world meanwhile; bad input gets a 4xx that says
 * what to change; a saved hypothetical is marked as one and cannot be applied.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { POST as whatIf } from '@/app/api/diagnoses/[id]/what-if/route';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { resetEnvForTests } from '@/lib/env';
import { previewFix } from '@/lib/fixes/apply/flow';
import type { Scenario } from '@/lib/schemas/world';
import { whatIfResponseSchema } from '@/lib/schemas/what-if';
import { startTestSandbox, type TestSandbox } from '@/lib/store/__fixtures__/sandbox-env';
import { loadDemoWorld, requestOf, scenarioOf } from '@/lib/test/demo-scenarios';
import { getDiagnosisStore, type DiagnosisStore, type StoredDiagnosis } from '@/lib/store/diagnosis-store';
import { saveDiagnosisRun } from '@/lib/store/saved-diagnoses';
import { parseStoredFacts } from '@/lib/store/stored-facts';

const world = loadDemoWorld();
const scenario = (id: string): Scenario => scenarioOf(world, id);

let live: TestSandbox;
let dataDir: string;
let store: DiagnosisStore;
const saved = new Map<string, StoredDiagnosis>();

async function post(id: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const request = new Request(`http://127.0.0.1/api/diagnoses/${id}/what-if`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const response = await whatIf(request, { params: Promise.resolve({ id }) });
  return { status: response.status, json: await response.json() };
}

/** The decided-by id of the blocking hop of a saved scenario. */
function blockingRule(stored: StoredDiagnosis): string {
  const hop = stored.diagnosis.hops.find((item) => item.kind === stored.diagnosis.blockingHop);
  return hop?.evidence.decidedBy?.id ?? '';
}

beforeAll(async () => {
  live = await startTestSandbox(world);
  live.use();
  dataDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-what-if-'));
  process.env.DATA_DIR = dataDir;
  resetEnvForTests();
  store = getDiagnosisStore();
  for (const id of ['sg-drop', 'nacl-deny', 'rds-whitelist', 'snat-missing']) saved.set(id, await saveDiagnosisRun(store, await diagnoseWithFacts(requestOf(scenario(id)))));
}, 120_000);

afterAll(async () => {
  await store.close();
  await live.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (id: string): StoredDiagnosis => {
  const found = saved.get(id);
  if (!found) throw new Error(`${id} was not saved`);
  return found;
};

/** The security group holding `ruleId`, from the stored facts. */
function groupOf(stored: StoredDiagnosis, ruleId: string): string {
  const facts = parseStoredFacts(stored.factsJson);
  const groups = facts?.cloud.securityGroups.kind === 'ok' ? facts.cloud.securityGroups.value : [];
  return groups.find((group) => group.rules.some((rule) => rule.id === ruleId))?.id ?? '';
}

describe('what-if on saved diagnoses of the demo world', () => {
  const rows: Array<{ name: string; scenario: string; edits: (stored: StoredDiagnosis) => unknown[]; verdict: string; blockingHop: string | null; fixAction: string | null }> = [
    {
      name: 'sg-drop: removing the drop rule makes it reachable, and names the revoke fix',
      scenario: 'sg-drop',
      edits: (stored) => [{ kind: 'removeSecurityGroupRule', securityGroupId: groupOf(stored, blockingRule(stored)), ruleId: blockingRule(stored) }],
      verdict: 'reachable',
      blockingHop: null,
      fixAction: 'securityGroup-revoke-egress',
    },
    {
      name: 'sg-drop: an accept rule below the drop (priority 100) changes nothing',
      scenario: 'sg-drop',
      edits: (stored) => [{ kind: 'addSecurityGroupRule', securityGroupId: groupOf(stored, blockingRule(stored)), priority: 100, cidr: '0.0.0.0/0', portRange: { from: 443, to: 443 } }],
      verdict: 'blocked',
      blockingHop: 'securityGroup',
      fixAction: null,
    },
    {
      name: 'nacl-deny: removing the deny entry makes it reachable',
      scenario: 'nacl-deny',
      edits: (stored) => {
        const acl = stored.diagnosis.hops.find((hop) => hop.kind === 'networkAcl')?.evidence.facts.find((fact) => fact.kind === 'networkAcl')?.id ?? '';
        return [{ kind: 'removeNetworkAclEntry', networkAclId: acl, direction: 'egress', entryId: blockingRule(stored) }];
      },
      verdict: 'reachable',
      blockingHop: null,
      fixAction: 'networkAcl',
    },
    {
      name: 'rds-whitelist: whitelisting the pod IP makes it reachable',
      scenario: 'rds-whitelist',
      edits: (stored) => [{ kind: 'addWhitelistEntry', group: 'default', entry: stored.diagnosis.source.sourceAddress ?? '' }],
      verdict: 'reachable',
      blockingHop: null,
      fixAction: 'whitelist',
    },
  ];

  it.each(rows)('$name', async ({ scenario: id, edits, verdict, blockingHop, fixAction }) => {
    const stored = get(id);
    const callsBefore = live.sandbox.openApi.calls().length;
    const { status, json } = await post(stored.diagnosis.id ?? '', { edits: edits(stored) });
    expect(status).toBe(200);
    const result = whatIfResponseSchema.parse(json);
    expect({ verdict: result.diagnosis.verdict, blockingHop: result.diagnosis.blockingHop, id: result.diagnosis.id, baseId: result.baseId }).toStrictEqual({ verdict, blockingHop, id: null, baseId: stored.diagnosis.id });
    expect(result.changes.some((change) => change.scope === 'fact')).toBe(true);
    expect(result.changes.some((change) => change.scope === 'verdict')).toBe(verdict !== stored.diagnosis.verdict);
    if (fixAction) expect(result.fixes.map((link) => link.fixId).some((fixId) => fixId.startsWith(fixAction))).toBe(true);
    else expect(result.fixes).toStrictEqual([]);
    expect(result.evaluationMs).toBeLessThan(200);
    expect(live.sandbox.openApi.calls().length).toBe(callsBefore);
  });

  it('saves a hypothetical under its own link, marked as one, that the fix flow refuses to apply', async () => {
    const stored = get('sg-drop');
    const rule = blockingRule(stored);
    const { status, json } = await post(stored.diagnosis.id ?? '', { edits: [{ kind: 'removeSecurityGroupRule', securityGroupId: groupOf(stored, rule), ruleId: rule }], save: true });
    expect(status).toBe(201);
    const result = whatIfResponseSchema.parse(json);
    const hypotheticalId = result.diagnosis.id ?? '';
    const reloaded = await store.get(hypotheticalId);
    expect({ verdict: reloaded?.diagnosis.verdict, whatIf: reloaded?.whatIf }).toStrictEqual({
      verdict: 'reachable',
      whatIf: { baseId: stored.diagnosis.id, edits: [{ kind: 'removeSecurityGroupRule', securityGroupId: groupOf(stored, rule), ruleId: rule }] },
    });
    // A what-if of the what-if starts from the edited facts and still names the original.
    const again = await post(hypotheticalId, { edits: [{ kind: 'addSecurityGroupRule', securityGroupId: groupOf(stored, rule), policy: 'drop', cidr: '0.0.0.0/0', portRange: null, protocol: 'all' }], save: true });
    expect(again.status).toBe(201);
    const chained = whatIfResponseSchema.parse(again.json);
    expect({ verdict: chained.diagnosis.verdict, baseId: chained.baseId, edits: (await store.get(chained.diagnosis.id ?? ''))?.whatIf?.edits.length }).toStrictEqual({ verdict: 'blocked', baseId: stored.diagnosis.id, edits: 2 });

    // Its fixes rest on facts nobody read: the apply flow refuses them.
    const fixId = chained.diagnosis.hops.flatMap((hop) => hop.fixes).find((fix) => fix.kind === 'alicloud')?.id ?? '';
    expect(fixId).not.toBe('');
    await expect(previewFix(chained.diagnosis.id ?? '', fixId)).rejects.toMatchObject({ code: 'hypothetical_diagnosis', status: 409 });
  });
});

describe('what-if refuses bad input with a 4xx that says what to change', () => {
  const cases: Array<{ name: string; id?: string; body: unknown; status: number; code: string }> = [
    { name: 'no edits', body: { edits: [] }, status: 400, code: 'invalid_input' },
    { name: 'not JSON', body: '{edits:', status: 400, code: 'invalid_json' },
    { name: 'an unknown kind of edit', body: { edits: [{ kind: 'openEverything' }] }, status: 400, code: 'invalid_input' },
    { name: 'a CIDR that is not one', body: { edits: [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-x', cidr: 'the internet' }] }, status: 400, code: 'invalid_input' },
    { name: 'a group not on the path', body: { edits: [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-nowhere', cidr: '0.0.0.0/0' }] }, status: 422, code: 'invalid_edit' },
    { name: 'a whitelist edit where there is no whitelist', body: { edits: [{ kind: 'addWhitelistEntry', entry: '10.0.0.1' }] }, status: 422, code: 'invalid_edit' },
    { name: 'an unknown id', id: 'AAAAAAAAAAAAAAAAAAAAAA', body: { edits: [{ kind: 'removeSnatEntry', snatEntryId: 'snat-1' }] }, status: 404, code: 'diagnosis_not_found' },
  ];
  it.each(cases)('$name → $status $code', async ({ id, body, status, code }) => {
    const answer = await post(id ?? get('sg-drop').diagnosis.id ?? '', body);
    expect({ status: answer.status, code: (answer.json as { error: { code: string } }).error.code }).toStrictEqual({ status, code });
    expect((answer.json as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
  });

  it('answers 409 facts_not_saved for a diagnosis saved before facts were kept', async () => {
    const stored = get('snat-missing');
    const old = await store.save({ diagnosis: stored.diagnosis, worldYaml: stored.worldYaml, origin: stored.origin });
    expect(old.factsJson).toBeNull();
    const answer = await post(old.diagnosis.id ?? '', { edits: [{ kind: 'removeSnatEntry', snatEntryId: 'snat-1' }] });
    expect({ status: answer.status, code: (answer.json as { error: { code: string } }).error.code }).toStrictEqual({ status: 409, code: 'facts_not_saved' });
  });
});
