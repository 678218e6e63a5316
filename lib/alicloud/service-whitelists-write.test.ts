/**
 * The PolarDB and MongoDB whitelist fixes against the sandbox over real HTTP: the preview, the
 * append (ModifyDBClusterAccessWhitelist, dds ModifySecurityIps) and its undo.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Fix, ServiceWhitelist } from '@/lib/analysis/model';
import { appendWhitelistFix } from '@/lib/fixes/cloud-fixes';
import { inverseOf } from '@/lib/fixes/inverse';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { createCloudClients, type CloudClients } from './clients';
import { describeMongoWhitelist, describePolardbWhitelist } from './service-whitelists';
import { callCloudAction, previewCloudFix, type AlicloudFix } from './write';

const key = { accessKeyId: 'LTAI5tSandboxWhitelistWrite', accessKeySecret: 'whitelist-write-secret' };
const world: World = worldSchema.parse({
  version: 1,
  name: 'whitelist-write-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    polardbClusters: [{ DBClusterId: 'pc-bp1orders', DBClusterIPArrays: [{ DBClusterIPArrayName: 'default', SecurityIps: '127.0.0.1' }] }],
    mongodbInstances: [{ DBInstanceId: 'dds-bp1reviews00001', SecurityIpGroups: [{ SecurityIpGroupName: 'default', SecurityIpList: '127.0.0.1' }] }],
  },
});

let sandbox: OpenApiSandbox;
let clients: CloudClients;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, endpoints: { polardb: sandbox.endpoint, dds: sandbox.endpoint }, timeoutMs: 5000 });
});
beforeEach(() => sandbox.setWorld(world));
afterAll(() => sandbox.close());

function cloudFix(fix: Fix): AlicloudFix {
  if (fix.kind !== 'alicloud') throw new Error('expected an alicloud fix');
  return fix;
}

const cases: Array<{ service: 'polardb' | 'mongodb'; instanceId: string; read: () => Promise<ServiceWhitelist> }> = [
  { service: 'polardb', instanceId: 'pc-bp1orders', read: () => describePolardbWhitelist(clients, 'pc-bp1orders') },
  { service: 'mongodb', instanceId: 'dds-bp1reviews00001', read: () => describeMongoWhitelist(clients, 'dds-bp1reviews00001') },
];

describe('whitelist fixes of PolarDB and MongoDB', () => {
  it.each(cases)('$service: previews, appends to egress_doctor, and the undo restores the groups', async ({ service, instanceId, read }) => {
    const before = await read();
    const fix = cloudFix(appendWhitelistFix({ service, regionId: 'cn-hangzhou', instanceId, securityIps: '10.0.33.0/24', risk: 'test' }));
    const preview = await previewCloudFix(clients, fix);
    expect({ before: preview.before, after: preview.after, stale: preview.stale }).toStrictEqual({
      before: [['default', '127.0.0.1']],
      after: [['default', '127.0.0.1'], ['egress_doctor', '10.0.33.0/24']],
      stale: null,
    });
    const applied = await callCloudAction(clients, fix, { clientToken: `${service}-append` });
    expect((await read()).groups.map((group) => [group.name, group.entries])).toStrictEqual([['default', ['127.0.0.1']], ['egress_doctor', ['10.0.33.0/24']]]);
    const undo = inverseOf(fix, { kind: 'alicloud', response: applied.body, before: null });
    if (undo?.kind !== 'alicloud') throw new Error('expected a cloud undo');
    expect(undo.fix.parameters.ModifyMode).toBe('Delete');
    await callCloudAction(clients, cloudFix(undo.fix), { clientToken: `${service}-undo` });
    expect(await read()).toStrictEqual(before);
  });

  it('PolarDB answers a security-group whitelist type it does not serve with InvalidParameter, changing nothing', async () => {
    const fix = cloudFix(appendWhitelistFix({ service: 'polardb', regionId: 'cn-hangzhou', instanceId: 'pc-bp1orders', securityIps: '10.0.33.0/24', risk: 'test' }));
    const error: unknown = await callCloudAction(clients, { ...fix, parameters: { ...fix.parameters, WhiteListType: 'SecurityGroup' } }, { clientToken: 'sg-type' }).then(() => null, (caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'invalid' });
    expect((await describePolardbWhitelist(clients, 'pc-bp1orders')).groups).toHaveLength(1);
  });
});
