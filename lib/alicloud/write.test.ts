/**
 * The cloud write adapter against the sandbox OpenAPI endpoint over real HTTP, with the
 * real SDK clients: idempotency, RAM denial, inverses and previews.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { appendWhitelistFix, authorizeSecurityGroupEgress, createSnatEntry, slbAclEntryFix, updateNetworkAclEntries } from '@/lib/fixes/cloud-fixes';
import type { Fix } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import worldJson from './__fixtures__/world.json';
import { createCloudClients, type CloudClients } from './clients';
import { describeNetworkAcls, describeRdsWhitelist, describeRedisWhitelist, describeSecurityGroups, describeSlbAcls, describeSnatEntries } from './index';
import { callCloudAction, previewCloudFix, type AlicloudFix } from './write';

const world = worldSchema.parse(worldJson);
const key = { accessKeyId: 'LTAI5tSandboxWriteTest', accessKeySecret: 'write-test-secret' };
let sandbox: OpenApiSandbox;
let clients: CloudClients;

function cloudFix(fix: Fix): AlicloudFix {
  if (fix.kind !== 'alicloud') throw new Error('expected an alicloud fix');
  return fix;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

const egressFix = cloudFix(
  authorizeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-bp1pods', protocol: 'tcp', port: 8443, cidr: '198.51.100.7/32', priority: 1, risk: 'test' }),
);

const egressRules = async () => (await describeSecurityGroups(clients, ['sg-bp1pods']))[0]?.rules.filter((rule) => rule.direction === 'egress') ?? [];

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = createCloudClients({
    region: 'cn-hangzhou',
    credentials: key,
    endpoints: { ecs: sandbox.endpoint, vpc: sandbox.endpoint, slb: sandbox.endpoint, rds: sandbox.endpoint, rKvstore: sandbox.endpoint },
    timeoutMs: 5000,
  });
});

beforeEach(() => {
  sandbox.setWorld(world);
});

afterAll(async () => {
  await sandbox.close();
});

describe('callCloudAction', () => {
  it('adds ONE rule for two identical calls with the same ClientToken, and revoking it restores the group', async () => {
    const before = await egressRules();
    const first = await callCloudAction(clients, egressFix, { clientToken: 'token-1' });
    const second = await callCloudAction(clients, egressFix, { clientToken: 'token-1' });
    expect(second.body.RuleIds).toStrictEqual(first.body.RuleIds);
    expect(first.requestId).not.toBe('');
    const after = await egressRules();
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((rule) => !before.some((old) => old.id === rule.id));
    expect(added).toMatchObject({ policy: 'accept', priority: 1, protocol: 'tcp', portRange: { from: 8443, to: 8443 }, remote: { kind: 'cidr', cidr: '198.51.100.7/32' } });
    expect(added?.id).toMatch(/^sgr-bp1[a-z0-9]{17}$/);

    await callCloudAction(clients, { ...egressFix, action: 'RevokeSecurityGroupEgress', parameters: { SecurityGroupId: 'sg-bp1pods', 'SecurityGroupRuleId.1': added?.id ?? '' } }, { clientToken: 'token-2' });
    expect(await egressRules()).toStrictEqual(before);
  });

  it('answers IdempotentParameterMismatch for the same token with other parameters, and Duplicate without a token reuse', async () => {
    await callCloudAction(clients, egressFix, { clientToken: 'token-3' });
    const mismatch = await failure(callCloudAction(clients, { ...egressFix, parameters: { ...egressFix.parameters, Priority: '2' } }, { clientToken: 'token-3' }));
    expect({ reason: mismatch.reason, status: mismatch.status, code: mismatch.code }).toStrictEqual({ reason: 'invalid', status: 400, code: 'IdempotentParameterMismatch' });
    const duplicate = await failure(callCloudAction(clients, egressFix, { clientToken: 'token-4' }));
    expect(duplicate.code).toBe('InvalidPermission.Duplicate');
  });

  it('maps a RAM deny on a write action to forbidden and changes nothing', async () => {
    const denied: World = { ...world, ram: { deny: [{ action: 'AuthorizeSecurityGroupEgress', resource: 'sg-bp1pods' }] } };
    sandbox.setWorld(denied);
    const before = await egressRules();
    const error = await failure(callCloudAction(clients, egressFix, { clientToken: 'token-5' }));
    expect({ reason: error.reason, status: error.status, code: error.code }).toStrictEqual({ reason: 'forbidden', status: 403, code: 'Forbidden.RAM' });
    expect(await egressRules()).toStrictEqual(before);
  });

  it('creates and deletes an SNAT entry', async () => {
    const before = await describeSnatEntries(clients, ['ngw-bp1demo']);
    const fix = cloudFix(createSnatEntry({ regionId: 'cn-hangzhou', snatTableId: 'stb-bp1demo', sourceVSwitchId: 'vsw-bp1nodes', snatIp: '203.0.113.100', natGatewayId: 'ngw-bp1demo' }));
    const { body } = await callCloudAction(clients, fix, { clientToken: 'snat-1' });
    expect(body.SnatEntryId).toMatch(/^snat-bp1/);
    const after = await describeSnatEntries(clients, ['ngw-bp1demo']);
    expect(after.map((entry) => entry.sourceVSwitchId)).toStrictEqual([...before.map((entry) => entry.sourceVSwitchId), 'vsw-bp1nodes']);
    await callCloudAction(clients, { ...fix, action: 'DeleteSnatEntry', parameters: { SnatTableId: 'stb-bp1demo', SnatEntryId: String(body.SnatEntryId) } }, { clientToken: 'snat-2' });
    expect(await describeSnatEntries(clients, ['ngw-bp1demo'])).toStrictEqual(before);
  });

  it('appends to and deletes from RDS and Redis whitelists, restoring the groups', async () => {
    for (const service of ['rds', 'redis'] as const) {
      const instanceId = service === 'rds' ? 'rm-bp1demo' : 'r-bp1demo';
      const read = () => (service === 'rds' ? describeRdsWhitelist(clients, instanceId) : describeRedisWhitelist(clients, instanceId));
      const before = await read();
      const fix = cloudFix(appendWhitelistFix({ service, regionId: 'cn-hangzhou', instanceId, securityIps: '10.9.9.0/24', risk: 'test' }));
      await callCloudAction(clients, fix, { clientToken: `${service}-1` });
      expect((await read()).groups.find((group) => group.name === 'egress_doctor')?.entries).toStrictEqual(['10.9.9.0/24']);
      await callCloudAction(clients, { ...fix, parameters: { ...fix.parameters, ModifyMode: 'Delete' } }, { clientToken: `${service}-2` });
      expect(await read()).toStrictEqual(before);
    }
  });

  it('adds and removes an SLB ACL entry', async () => {
    const [before] = await describeSlbAcls(clients, ['acl-bp1demo']);
    const add = cloudFix(slbAclEntryFix({ regionId: 'cn-hangzhou', aclId: 'acl-bp1demo', cidr: '10.7.0.0/16', comment: 'test', operation: 'add', risk: 'test' }));
    await callCloudAction(clients, add, { clientToken: 'acl-1' });
    expect((await describeSlbAcls(clients, ['acl-bp1demo']))[0]?.entries).toContainEqual({ cidr: '10.7.0.0/16', comment: 'test' });
    const remove = cloudFix(slbAclEntryFix({ regionId: 'cn-hangzhou', aclId: 'acl-bp1demo', cidr: '10.7.0.0/16', comment: 'test', operation: 'remove', risk: 'test' }));
    await callCloudAction(clients, remove, { clientToken: 'acl-2' });
    expect((await describeSlbAcls(clients, ['acl-bp1demo']))[0]).toStrictEqual(before);
  });

  it('replaces a network ACL direction with UpdateNetworkAclEntries', async () => {
    const [acl] = await describeNetworkAcls(clients, ['nacl-bp1demo']);
    const entries = [{ id: '', name: 'allow-https', entryType: 'custom', policy: 'accept' as const, protocol: 'tcp' as const, portRange: { from: 443, to: 443 }, cidr: '0.0.0.0/0' }, ...(acl?.egress ?? [])];
    const fix = cloudFix(updateNetworkAclEntries({ regionId: 'cn-hangzhou', networkAclId: 'nacl-bp1demo', direction: 'egress', entries, summary: 'Allow HTTPS', risk: 'test' }));
    const preview = await previewCloudFix(clients, fix);
    await callCloudAction(clients, fix, { clientToken: 'nacl-1' });
    const [after] = await describeNetworkAcls(clients, ['nacl-bp1demo']);
    expect(after?.egress.map((entry) => entry.name)).toStrictEqual(entries.map((entry) => entry.name));
    expect(after?.egress.slice(1)).toStrictEqual(acl?.egress);
    expect(after?.ingress).toStrictEqual(acl?.ingress);
    expect(preview.after.map((row) => row[2])).toStrictEqual(entries.map((entry) => entry.name));
  });

  it('keeps every field of the entries an ACL rewrite keeps: ids and descriptions read back from the sandbox', async () => {
    const [acl] = await describeNetworkAcls(clients, ['nacl-bp1demo']);
    const kept = acl?.egress ?? [];
    expect(kept.map((entry) => entry.description)).toContain('DB-118: applications reach the database through the pooler');
    const added = { id: 'new', name: 'egress-doctor-tcp-443', entryType: 'custom', policy: 'accept' as const, protocol: 'tcp' as const, portRange: { from: 443, to: 443 }, cidr: '203.0.113.10/32', description: 'added by ACS Egress Doctor' };
    const fix = cloudFix(updateNetworkAclEntries({ regionId: 'cn-hangzhou', networkAclId: 'nacl-bp1demo', direction: 'egress', entries: [added, ...kept], summary: 'Allow HTTPS', risk: 'test' }));
    await callCloudAction(clients, fix, { clientToken: 'nacl-keep-1' });
    const [after] = await describeNetworkAcls(clients, ['nacl-bp1demo']);
    expect(after?.egress.slice(1)).toStrictEqual(kept);
    expect({ ...after?.egress[0], id: 'assigned' }).toStrictEqual({ ...added, id: 'assigned' });
  });
});

describe('previewCloudFix', () => {
  it('shows the outbound rules with the new one in place, without changing them', async () => {
    const before = await egressRules();
    const preview = await previewCloudFix(clients, egressFix);
    expect(preview.title).toBe('Outbound rules of security group sg-bp1pods');
    expect(preview.columns).toStrictEqual(['Rule', 'Policy', 'Priority', 'Protocol', 'Port range', 'Remote', 'Description']);
    expect(preview.before).toHaveLength(before.length);
    expect(preview.after).toHaveLength(before.length + 1);
    expect(preview.after).toContainEqual(['(new)', 'accept', '1', 'tcp', '8443/8443', '198.51.100.7/32', 'added by ACS Egress Doctor']);
    expect(await egressRules()).toStrictEqual(before);
  });

  it.each([
    {
      name: 'a revoke of a rule that is no longer there (re-created under a new id) is a no-op',
      fix: () => cloudFix({ ...egressFix, action: 'RevokeSecurityGroupEgress', parameters: { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-bp1pods', 'SecurityGroupRuleId.1': 'sgr-bp1gone' } }),
      expected: { kind: 'noOp', reason: 'Rule sgr-bp1gone is no longer in sg-bp1pods (removed, or re-created under a new id)' },
    },
    {
      name: 'an accept that is already there is a no-op',
      setup: () => callCloudAction(clients, egressFix, { clientToken: 'stale-1' }),
      fix: () => egressFix,
      expected: { kind: 'noOp', reason: 'already' },
    },
    {
      name: 'an ACL rewrite built on entries that changed since is stale',
      fix: () =>
        cloudFix(
          updateNetworkAclEntries({
            regionId: 'cn-hangzhou',
            networkAclId: 'nacl-bp1demo',
            direction: 'egress',
            entries: [{ id: 'nae-bp1old', name: 'old', entryType: 'custom', policy: 'accept', protocol: 'tcp', portRange: { from: 443, to: 443 }, cidr: '0.0.0.0/0' }],
            summary: 'Allow',
            risk: 'test',
          }),
        ),
      expected: { kind: 'changed', reason: 'The egress list of nacl-bp1demo changed since the diagnosis: it now holds deny-db, all and no longer holds nae-bp1old; rewriting it would drop or duplicate entries' },
    },
    { name: 'a change that fits the live state is not stale', fix: () => egressFix, expected: null },
  ])('$name', async ({ setup, fix, expected }) => {
    await setup?.();
    const { stale } = await previewCloudFix(clients, fix());
    expect(stale && expected?.reason === 'already' ? { ...stale, reason: stale.reason.endsWith('already is this rule') ? 'already' : stale.reason } : stale).toStrictEqual(expected);
  });

  it('shows the whitelist groups with the appended group', async () => {
    const fix = cloudFix(appendWhitelistFix({ service: 'rds', regionId: 'cn-hangzhou', instanceId: 'rm-bp1demo', securityIps: '10.9.9.0/24', risk: 'test' }));
    const preview = await previewCloudFix(clients, fix);
    expect(preview.after).toStrictEqual([...preview.before, ['egress_doctor', '10.9.9.0/24']]);
  });
});
