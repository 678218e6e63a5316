/**
 * The apply flow end to end on the demo world: for the scenarios of issue 6's Done-when,
 * applying the blocking hop's FIRST fix through the write adapters makes the re-run
 * diagnosis reachable, and the inverse call makes it blocked again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callCloudAction, createCloudClients, describeSecurityGroups, type CloudClients } from '@/lib/alicloud';
import type { Diagnosis, Fix } from '@/lib/analysis/model';
import { resetEnvForTests } from '@/lib/env';
import { startSandbox, type Sandbox } from '@/lib/sandbox';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import type { Scenario } from '@/lib/schemas/world';

import { setDefaultK8sReaderForTests } from './index';
import { applyKubernetesFix, deleteKubernetesObject, fixRef, setDefaultK8sWriterForTests } from './write';

const world = loadWorldFile('lib/sandbox/worlds/demo.yaml');
let sandbox: Sandbox;
let outDir: string;
let clients: CloudClients;
const savedEnv = { ...process.env };

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-apply-'));
  sandbox = await startSandbox({ world, outDir });
  Object.assign(process.env, sandbox.env);
  resetEnvForTests();
  setDefaultK8sReaderForTests();
  setDefaultK8sWriterForTests();
  clients = createCloudClients({ region: world.cloud.regionId, timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
  await rm(outDir, { recursive: true, force: true });
  process.env = savedEnv;
  resetEnvForTests();
  setDefaultK8sReaderForTests();
  setDefaultK8sWriterForTests();
});

function scenario(id: string): Scenario {
  const found = world.scenarios.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`the demo world has no scenario ${id}`);
  return found;
}

async function diagnoseScenario(item: Scenario): Promise<Diagnosis> {
  const { diagnose } = await import('@/lib/diagnose/diagnose');
  return diagnose({ cluster: item.cluster, namespace: item.namespace, pod: item.pod, destination: item.destination, host: item.destination, port: item.port, protocol: item.protocol });
}

function firstFix(diagnosis: Diagnosis): Fix {
  // A deliberate deny leads with a manual fix (the proxy, the owner): apply the first fix that can be applied.
  const fix = diagnosis.hops.find((hop) => hop.verdict === 'block')?.fixes.find((item) => item.kind !== 'manual');
  if (!fix) throw new Error(`no fix on the blocking hop of ${JSON.stringify(diagnosis.blockingHops)}`);
  return fix;
}

/** Applies a fix and returns its undo. */
async function apply(cluster: string, fix: Fix, clientToken: string): Promise<() => Promise<void>> {
  switch (fix.kind) {
    case 'kubernetes': {
      const change = await applyKubernetesFix(cluster, fix, { dryRun: false });
      expect(change.before).toBeNull();
      const { ref } = fixRef(fix);
      return async () => {
        await deleteKubernetesObject(cluster, ref, { dryRun: false });
      };
    }
    case 'alicloud': {
      // A revoke's inverse needs the rule's fields, read before it goes.
      const revoked = fix.action.startsWith('Revoke') ? await ruleToRevoke(fix) : null;
      const result = await callCloudAction(clients, fix, { clientToken });
      return async () => {
        await callCloudAction(clients, revoked ?? inverseOf(fix, result.body), { clientToken: `${clientToken}-undo` });
      };
    }
    case 'manual':
      throw new Error(`the first fix ${fix.id} is manual`);
    default: {
      const exhaustive: never = fix;
      throw new Error(`unhandled fix ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The Authorize call that recreates the rule a Revoke fix removes. */
async function ruleToRevoke(fix: Extract<Fix, { kind: 'alicloud' }>): Promise<CloudCall> {
  const groupId = fix.parameters.SecurityGroupId ?? '';
  const ruleId = fix.parameters['SecurityGroupRuleId.1'];
  const [group] = await describeSecurityGroups(clients, [groupId]);
  const rule = group?.rules.find((candidate) => candidate.id === ruleId);
  if (!rule || rule.remote.kind !== 'cidr') throw new Error(`rule ${String(ruleId)} of ${groupId} is not a CIDR rule`);
  const egress = rule.direction === 'egress';
  return {
    product: 'Ecs',
    version: fix.version,
    action: egress ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroup',
    parameters: {
      SecurityGroupId: groupId,
      IpProtocol: rule.protocol,
      PortRange: rule.portRange === null ? '-1/-1' : `${rule.portRange.from}/${rule.portRange.to}`,
      [egress ? 'DestCidrIp' : 'SourceCidrIp']: rule.remote.cidr,
      Policy: rule.policy,
      Priority: String(rule.priority),
      Description: rule.description,
    },
  };
}

type CloudCall = Parameters<typeof callCloudAction>[1];

/** The call that undoes a cloud fix, from the fix and the answer to it. */
function inverseOf(fix: Extract<Fix, { kind: 'alicloud' }>, body: Record<string, unknown>): CloudCall {
  const p = fix.parameters;
  const base = { product: fix.product, version: fix.version };
  switch (fix.action) {
    case 'AuthorizeSecurityGroupEgress':
    case 'AuthorizeSecurityGroup': {
      const ruleIds = body.RuleIds;
      const ruleId = typeof ruleIds === 'object' && ruleIds !== null && 'RuleId' in ruleIds && Array.isArray(ruleIds.RuleId) ? ruleIds.RuleId[0] : undefined;
      if (typeof ruleId !== 'string') throw new Error('Authorize answered without RuleIds.RuleId');
      const action = fix.action === 'AuthorizeSecurityGroup' ? 'RevokeSecurityGroup' : 'RevokeSecurityGroupEgress';
      return { ...base, action, parameters: { RegionId: p.RegionId ?? '', SecurityGroupId: p.SecurityGroupId ?? '', 'SecurityGroupRuleId.1': ruleId } };
    }
    case 'CreateSnatEntry': {
      if (typeof body.SnatEntryId !== 'string') throw new Error('CreateSnatEntry answered without SnatEntryId');
      return { ...base, action: 'DeleteSnatEntry', parameters: { RegionId: p.RegionId ?? '', SnatTableId: p.SnatTableId ?? '', SnatEntryId: body.SnatEntryId } };
    }
    case 'ModifySecurityIps':
      return { ...base, action: 'ModifySecurityIps', parameters: { ...p, ModifyMode: 'Delete' } };
    default:
      throw new Error(`no inverse for ${fix.action} in this test`);
  }
}

describe('applying the first fix of a blocked demo scenario', () => {
  it.each([
    { id: 'netpol-deny', kind: 'kubernetes' },
    { id: 'sg-drop', kind: 'alicloud' },
    { id: 'snat-missing', kind: 'alicloud' },
    { id: 'rds-whitelist', kind: 'alicloud' },
  ])('$id: the fix makes it reachable and its inverse blocks it again', async ({ id, kind }) => {
    const item = scenario(id);
    const blocked = await diagnoseScenario(item);
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.blockingHop).toBe(item.expect.blockingHop);
    const fix = firstFix(blocked);
    expect(fix.kind).toBe(kind);

    const undo = await apply(item.cluster, fix, `apply-${id}`);
    const fixed = await diagnoseScenario(item);
    expect({ verdict: fixed.verdict, blockingHops: fixed.blockingHops }).toStrictEqual({ verdict: 'reachable', blockingHops: [] });

    await undo();
    const undone = await diagnoseScenario(item);
    expect({ verdict: undone.verdict, blockingHop: undone.blockingHop }).toStrictEqual({ verdict: 'blocked', blockingHop: item.expect.blockingHop });
  });
});
