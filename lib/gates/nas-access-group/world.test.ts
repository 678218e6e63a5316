/**
 * The NAS section of a saved diagnosis's world fragment, and the re-run diff: the facts go into
 * the wire shapes, parse as a world, and two worlds' differences read as sentences.
 */
import { describe, expect, it } from 'vitest';

import { missing, ok, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { worldSchema, type World } from '@/lib/schemas/world';

import type { NasAccessGroupFacts } from './facts';
import { diffNasAccessGroup, nasAccessGroupToWorld } from './world';

const DOMAIN = '0a1b2c3d4e-abc12.cn-hangzhou.nas.aliyuncs.com';
const facts: NasAccessGroupFacts = {
  endpoint: { domain: DOMAIN, fileSystemId: '0a1b2c3d4e', region: 'cn-hangzhou' },
  mountTarget: { domain: DOMAIN, accessGroup: 'k8s-pods', networkType: 'Vpc', status: 'Active', vpcId: 'vpc-1', vSwitchId: 'vsw-nas' },
  rules: ok([{ id: '1', sourceCidrIp: '10.0.1.0/24', ipv6SourceCidrIp: '', rwAccess: 'RDONLY', userAccess: 'root_squash', priority: 3 }]),
};

function world(section: ReturnType<typeof nasAccessGroupToWorld>): World {
  return worldSchema.parse({ version: 1, name: 'w', clusters: [{ name: 'c', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }], cloud: { regionId: 'cn-hangzhou', ...section } });
}

const fragment = (value: NasAccessGroupFacts) => nasAccessGroupToWorld(pathFacts({ cloud: { gates: { nasAccessGroup: ok(value) } } }));

describe('the NAS world section', () => {
  it('holds the mount target, its group and its rules in the wire shapes, and parses as a world', () => {
    expect(world(fragment(facts)).cloud.nasAccessGroup).toStrictEqual({
      mountTargets: [{ FileSystemId: '0a1b2c3d4e', MountTargetDomain: DOMAIN, AccessGroup: 'k8s-pods', NetworkType: 'Vpc', Status: 'Active', VpcId: 'vpc-1', VswId: 'vsw-nas' }],
      accessGroups: [{ AccessGroupName: 'k8s-pods', AccessGroupType: 'Vpc', FileSystemType: 'standard', Description: '' }],
      accessRules: [{ AccessGroupName: 'k8s-pods', FileSystemType: 'standard', AccessRuleId: '1', SourceCidrIp: '10.0.1.0/24', RWAccess: 'RDONLY', UserAccess: 'root_squash', Priority: 3 }],
    });
  });

  it('is absent when nothing was read, the read failed, or there is no mount target', () => {
    expect(nasAccessGroupToWorld(pathFacts({ cloud: { gates: {} } }))).toStrictEqual({});
    expect(nasAccessGroupToWorld(pathFacts({ cloud: { gates: { nasAccessGroup: ok(null) } } }))).toStrictEqual({});
    expect(nasAccessGroupToWorld(pathFacts({ cloud: { gates: { nasAccessGroup: missing() } } }))).toStrictEqual({});
    expect(fragment({ ...facts, mountTarget: null, rules: null })).toStrictEqual({});
  });

  it('keeps the mount target and its group when only the rules were not read (their read fails again from the deny list or faults)', () => {
    expect(world(fragment({ ...facts, rules: missing() })).cloud.nasAccessGroup).toMatchObject({ mountTargets: [{ MountTargetDomain: DOMAIN, AccessGroup: 'k8s-pods' }], accessGroups: [{ AccessGroupName: 'k8s-pods' }], accessRules: [] });
  });

  it('tells a mount target’s status and group changes and each rule added, removed or changed', () => {
    const before = world(fragment(facts));
    const after = world(
      fragment({
        ...facts,
        mountTarget: facts.mountTarget && { ...facts.mountTarget, status: 'Inactive' },
        rules: ok([
          { id: '1', sourceCidrIp: '10.0.1.0/24', ipv6SourceCidrIp: '', rwAccess: 'RDWR', userAccess: 'root_squash', priority: 3 },
          { id: '2', sourceCidrIp: '10.0.1.5/32', ipv6SourceCidrIp: '', rwAccess: 'RDWR', userAccess: 'no_squash', priority: 1 },
        ]),
      }),
    );
    expect(diffNasAccessGroup(before, after).map((change) => change.message)).toStrictEqual([
      `NAS mount target ${DOMAIN} is now Inactive (was Active)`,
      'NAS access rule k8s-pods/1 changed from 10.0.1.0/24 RDONLY root_squash priority 3 to 10.0.1.0/24 RDWR root_squash priority 3',
      'NAS access rule k8s-pods/2 (10.0.1.5/32 RDWR no_squash priority 1) added',
    ]);
    expect(diffNasAccessGroup(before, before)).toStrictEqual([]);
  });
});
