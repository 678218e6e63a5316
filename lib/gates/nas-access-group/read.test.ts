/**
 * The NAS permission-group reader against the sandbox OpenAPI endpoint over real HTTP (generic
 * signed RPC calls to NAS 2017-06-26): the mount target a domain names, the rules of its group
 * (paged), the default group (no rules read), a file system NAS does not know, and a refused read
 * as a missing fact.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createCloudClients, type CloudClients } from '@/lib/alicloud/clients';
import { cloudFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { readNasAccessGroupFacts } from './read';

const key = { accessKeyId: 'LTAI5tSandboxNasTest', accessKeySecret: 'nas-test-secret' };
const CUSTOM = '0a1b2c3d4e-abc12.cn-hangzhou.nas.aliyuncs.com';
const DEFAULT = '0a1b2c3d4e-def34.cn-hangzhou.nas.aliyuncs.com';

const world: World = worldSchema.parse({
  version: 1,
  name: 'nas-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    nasAccessGroup: {
      mountTargets: [
        { FileSystemId: '0a1b2c3d4e', MountTargetDomain: CUSTOM, AccessGroup: 'k8s-pods', VpcId: 'vpc-1', VswId: 'vsw-nas' },
        { FileSystemId: '0a1b2c3d4e', MountTargetDomain: DEFAULT, VpcId: 'vpc-1', VswId: 'vsw-nas', Status: 'Inactive' },
      ],
      accessGroups: [{ AccessGroupName: 'k8s-pods' }, { AccessGroupName: 'k8s-pods', FileSystemType: 'extreme' }],
      // 120 rules (two pages of 100), and one of the extreme group of the same name that is not read.
      accessRules: [
        ...Array.from({ length: 120 }, (_, index) => ({ AccessGroupName: 'k8s-pods', AccessRuleId: String(index + 1), SourceCidrIp: `10.9.${index}.0/24`, Priority: 100 - (index % 100) })),
        { AccessGroupName: 'k8s-pods', FileSystemType: 'extreme', AccessRuleId: '1', SourceCidrIp: '0.0.0.0/0', RWAccess: 'RDONLY' },
      ],
    },
  },
});

let sandbox: OpenApiSandbox;
let clients: CloudClients;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, productEndpoints: { nas: sandbox.endpoint }, timeoutMs: 5000 });
});
afterEach(() => {
  sandbox.setWorldFaults(undefined);
  sandbox.resetCalls();
});
afterAll(() => sandbox.close());

const read = (host: string) => readNasAccessGroupFacts({ clients, cloud: cloudFacts(), destinationAddresses: ['10.0.9.20'], request: { host, destination: host } });

describe('readNasAccessGroupFacts', () => {
  it('reads the mount target and every rule of its permission group', async () => {
    const facts = await read(CUSTOM.toUpperCase());
    const value = facts.nasAccessGroup?.kind === 'ok' ? facts.nasAccessGroup.value : null;
    expect(value?.endpoint).toStrictEqual({ domain: CUSTOM, fileSystemId: '0a1b2c3d4e', region: 'cn-hangzhou' });
    expect(value?.mountTarget).toStrictEqual({ domain: CUSTOM, accessGroup: 'k8s-pods', networkType: 'Vpc', status: 'Active', vpcId: 'vpc-1', vSwitchId: 'vsw-nas' });
    const rules = value?.rules?.kind === 'ok' ? value.rules.value : [];
    expect(rules).toHaveLength(120);
    expect(rules[0]).toStrictEqual({ id: '1', sourceCidrIp: '10.9.0.0/24', ipv6SourceCidrIp: '', rwAccess: 'RDWR', userAccess: 'no_squash', priority: 100 });
    expect(rules.every((rule) => rule.rwAccess === 'RDWR')).toBe(true);
    expect(sandbox.calls().map((call) => call.action)).toStrictEqual(['DescribeMountTargets', 'DescribeAccessRules', 'DescribeAccessRules']);
  });

  it('reads no rules for the default permission group', async () => {
    const facts = await read(DEFAULT);
    expect(facts.nasAccessGroup?.kind === 'ok' ? facts.nasAccessGroup.value : 'missing').toMatchObject({ mountTarget: { accessGroup: 'DEFAULT_VPC_GROUP_NAME', status: 'Inactive' }, rules: null });
    expect(sandbox.calls().map((call) => call.action)).toStrictEqual(['DescribeMountTargets']);
  });

  it('answers no mount target for a file system NAS does not know (InvalidFileSystem.NotFound) or a domain it does not have', async () => {
    for (const host of ['ffffffffff-abc12.cn-hangzhou.nas.aliyuncs.com', '0a1b2c3d4e-zzz99.cn-hangzhou.nas.aliyuncs.com']) {
      const facts = await read(host);
      expect(facts.nasAccessGroup?.kind === 'ok' ? facts.nasAccessGroup.value : 'missing').toMatchObject({ mountTarget: null, rules: null });
    }
  });

  it('reads nothing for a host that is no mount target domain', async () => {
    expect(await read('db.example.com')).toStrictEqual({ nasAccessGroup: { kind: 'ok', value: null } });
    expect(sandbox.calls()).toStrictEqual([]);
  });

  it('turns a refused read into a missing fact naming it', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeMountTargets', error: 'Forbidden.RAM' }], kubernetes: [], dns: [] });
    const mountTarget = await read(CUSTOM);
    expect(mountTarget.nasAccessGroup).toMatchObject({ kind: 'missing', error: { resource: `DescribeMountTargets ${CUSTOM}`, code: 'Forbidden.RAM' } });
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeAccessRules', error: 'Forbidden.RAM' }], kubernetes: [], dns: [] });
    const rules = await read(CUSTOM);
    expect(rules.nasAccessGroup?.kind === 'ok' ? rules.nasAccessGroup.value?.rules : null).toMatchObject({ kind: 'missing', error: { resource: 'DescribeAccessRules k8s-pods', code: 'Forbidden.RAM' } });
  });
});
