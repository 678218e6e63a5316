import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';

import { loadWorldFile, parseWorld, WorldFileError } from './load';

const SMALL_PATH = path.join(__dirname, '__fixtures__', 'small-world.yaml');
const SMALL_TEXT = readFileSync(SMALL_PATH, 'utf8');

/** The small world as plain data, changed by `edit`, as YAML text. */
function smallWorldWith(edit: (world: Record<string, unknown>) => void): string {
  const world: unknown = parse(SMALL_TEXT);
  if (typeof world !== 'object' || world === null || Array.isArray(world)) throw new Error('fixture is not a mapping');
  const copy: Record<string, unknown> = { ...world };
  edit(copy);
  return stringify(copy);
}

/** Deep access for test edits: `at(world, 'cloud', 'networkInterfaces', 0)`. */
function at(value: unknown, ...keys: Array<string | number>): Record<string, unknown> {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) throw new Error(`no ${String(key)}`);
    current = Reflect.get(current, key);
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) throw new Error(`not a mapping at ${keys.join('.')}`);
  return Object.fromEntries(Object.entries(current));
}

function set(root: unknown, keys: Array<string | number>, value: unknown): void {
  let current = root;
  for (const key of keys.slice(0, -1)) current = Reflect.get(Object(current), key);
  const last = keys[keys.length - 1];
  if (last === undefined) throw new Error('empty path');
  Reflect.set(Object(current), last, value);
}

function problemsOf(text: string, fileName = 'world.yaml'): Array<{ path: string; message: string }> {
  try {
    parseWorld(text, fileName);
  } catch (error) {
    if (error instanceof WorldFileError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a WorldFileError');
}

describe('loadWorldFile', () => {
  it('loads a valid YAML world with defaults applied', () => {
    const world = loadWorldFile(SMALL_PATH);
    expect(world.name).toBe('small');
    expect(world.ram).toStrictEqual({ deny: [] });
    expect(world.cloud.instances).toStrictEqual([]);
    expect(world.scenarios.map((scenario) => scenario.id)).toStrictEqual(['internet-ok']);
  });

  it('loads the same world from JSON', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'world-'));
    const jsonPath = path.join(directory, 'small.json');
    writeFileSync(jsonPath, JSON.stringify(parse(SMALL_TEXT), null, 2));
    expect(loadWorldFile(jsonPath)).toStrictEqual(loadWorldFile(SMALL_PATH));
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadWorldFile('/nonexistent/world.yaml')).toThrow(/^\/nonexistent\/world\.yaml: invalid world file, 1 problem:\n {2}- \(file\): cannot read the file: ENOENT/);
  });
});

describe('parseWorld', () => {
  it('rejects an unknown extension', () => {
    expect(problemsOf(SMALL_TEXT, 'world.txt')).toStrictEqual([{ path: '', message: 'unknown file type: use .yaml, .yml or .json' }]);
  });

  it('reports a YAML syntax error with its line', () => {
    const [problem] = problemsOf('version: 1\nname: [unclosed\n');
    expect(problem?.path).toBe('');
    expect(problem?.message).toMatch(/^line \d+, column \d+: /);
  });

  it('reports a JSON syntax error in a .json file', () => {
    expect(problemsOf('{"version": 1,', 'world.json')).toHaveLength(1);
  });

  it('names the path of every schema issue, and the message names the file', () => {
    const text = smallWorldWith((world) => {
      set(world, ['clusters', 0, 'objects', 1, 'metadata', 'name'], 42);
      set(world, ['cloud', 'vSwitches', 0, 'VSwitchId'], 'switch-1');
      set(world, ['scenarios', 0, 'expect', 'blockingHop'], 'firewall');
    });
    let caught: unknown;
    try {
      parseWorld(text, 'worlds/broken.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WorldFileError);
    const error = caught instanceof WorldFileError ? caught : null;
    expect(error?.problems.map((problem) => problem.path)).toStrictEqual([
      'clusters[0].objects[1].metadata.name',
      'cloud.vSwitches[0].VSwitchId',
      'scenarios[0].expect.blockingHop',
    ]);
    expect(error?.message).toMatch(/^worlds\/broken\.yaml: invalid world file, 3 problems:\n {2}- clusters\[0\]\.objects\[1\]\.metadata\.name: /);
    expect(error?.message).toContain('  - cloud.vSwitches[0].VSwitchId: an id here starts with vsw-');
  });

  it('lists ten problems and counts the rest', () => {
    const text = smallWorldWith((world) => {
      const objects = Array.from({ length: 14 }, (_, index) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace: `n${index}` } }));
      set(world, ['clusters', 0, 'objects'], objects);
    });
    let message = '';
    try {
      parseWorld(text, 'w.yaml');
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message.split('\n')).toHaveLength(12);
    expect(message).toMatch(/invalid world file, 14 problems:/);
    expect(message.endsWith('  … and 4 more')).toBe(true);
  });

  it.each([
    {
      name: 'a scenario names a cluster the world lacks',
      edit: (world: Record<string, unknown>) => set(world, ['scenarios', 0, 'cluster'], 'nope'),
      expected: [{ path: 'scenarios[0].cluster', message: 'cluster "nope" does not exist in the world' }],
    },
    {
      name: "a scenario's pod is not in its namespace",
      edit: (world: Record<string, unknown>) => set(world, ['scenarios', 0, 'namespace'], 'default'),
      expected: [{ path: 'scenarios[0].pod', message: 'pod "default/web-7d9c8b6f5-x2lqk" does not exist in cluster "acs-small"' }],
    },
    {
      name: 'an ENI names a missing security group and vSwitch',
      edit: (world: Record<string, unknown>) => {
        set(world, ['cloud', 'networkInterfaces', 0, 'SecurityGroupIds', 'SecurityGroupId'], ['sg-bp1smallpods0000001', 'sg-bp1gone']);
        set(world, ['cloud', 'networkInterfaces', 0, 'VSwitchId'], 'vsw-bp1gone');
      },
      expected: [
        { path: 'cloud.networkInterfaces[0].VSwitchId', message: 'vSwitch "vsw-bp1gone" does not exist in the world' },
        { path: 'cloud.networkInterfaces[0].SecurityGroupIds.SecurityGroupId[1]', message: 'security group "sg-bp1gone" does not exist in the world' },
      ],
    },
    {
      name: 'a route table binds a missing vSwitch',
      edit: (world: Record<string, unknown>) => set(world, ['cloud', 'routeTables', 0, 'VSwitchIds', 'VSwitchId'], ['vsw-bp1gone']),
      expected: [{ path: 'cloud.routeTables[0].VSwitchIds.VSwitchId[0]', message: 'vSwitch "vsw-bp1gone" does not exist in the world' }],
    },
    {
      name: 'a SNAT entry names a missing NAT gateway',
      edit: (world: Record<string, unknown>) => set(world, ['cloud', 'snatEntries', 0, 'NatGatewayId'], 'ngw-bp1gone'),
      expected: [{ path: 'cloud.snatEntries[0].NatGatewayId', message: 'NAT gateway "ngw-bp1gone" does not exist in the world' }],
    },
    {
      name: "a SNAT entry's table is not its gateway's",
      edit: (world: Record<string, unknown>) => set(world, ['cloud', 'snatEntries', 0, 'SnatTableId'], 'stb-bp1other'),
      expected: [{ path: 'cloud.snatEntries[0].SnatTableId', message: 'SNAT table "stb-bp1other" is not a SNAT table of ngw-bp1smallnat000000001' }],
    },
    {
      name: 'a rule names a missing prefix list and port list',
      edit: (world: Record<string, unknown>) => {
        set(world, ['cloud', 'securityGroups', 0, 'Permissions', 'Permission', 0, 'DestPrefixListId'], 'pl-bp1gone');
        set(world, ['cloud', 'securityGroups', 0, 'Permissions', 'Permission', 0, 'PortRangeListId'], 'prl-bp1gone');
      },
      expected: [
        { path: 'cloud.securityGroups[0].Permissions.Permission[0].DestPrefixListId', message: 'prefix list "pl-bp1gone" does not exist in the world' },
        { path: 'cloud.securityGroups[0].Permissions.Permission[0].PortRangeListId', message: 'port list "prl-bp1gone" does not exist in the world' },
      ],
    },
    {
      name: 'a prefix list is listed twice',
      edit: (world: Record<string, unknown>) => {
        const list = { PrefixListId: 'pl-bp1twice', Entries: { Entry: [{ Cidr: '203.0.113.0/24' }] } };
        set(world, ['cloud', 'prefixLists'], [list, list]);
      },
      expected: [{ path: 'cloud.prefixLists[1].PrefixListId', message: 'duplicate id "pl-bp1twice" (also at cloud.prefixLists[0])' }],
    },
    {
      name: 'a Kubernetes fault names a cluster the world lacks',
      edit: (world: Record<string, unknown>) => set(world, ['faults'], { kubernetes: [{ resource: 'services', cluster: 'nope', status: 403 }] }),
      expected: [{ path: 'faults.kubernetes[0].cluster', message: 'cluster "nope" does not exist in the world' }],
    },
    {
      name: 'an id is used twice',
      edit: (world: Record<string, unknown>) => {
        const groups = at(world, 'cloud');
        const list = groups.securityGroups;
        set(world, ['cloud', 'securityGroups'], Array.isArray(list) ? [...list, ...list] : list);
      },
      expected: [{ path: 'cloud.securityGroups[1].SecurityGroupId', message: 'duplicate id "sg-bp1smallpods0000001" (also at cloud.securityGroups[0])' }],
    },
    {
      name: 'a Kubernetes object is listed twice',
      edit: (world: Record<string, unknown>) => {
        const objects = at(world, 'clusters', 0).objects;
        set(world, ['clusters', 0, 'objects'], Array.isArray(objects) ? [...objects, objects[0]] : objects);
      },
      expected: [{ path: 'clusters[0].objects[2].metadata.name', message: 'duplicate id "Namespace shop" (also at clusters[0].objects[0])' }],
    },
  ])('reports a broken reference: $name', ({ edit, expected }) => {
    expect(problemsOf(smallWorldWith(edit))).toStrictEqual(expected);
  });

  it('loads a faults section and reports a malformed fault by path', () => {
    const faults = {
      cloud: [{ action: 'DescribeLoadBalancerListeners', resource: 'lb-bp1x', error: 'Throttling.User', times: 2 }],
      kubernetes: [{ resource: 'services', cluster: 'acs-small', namespace: 'shop', status: 'timeout' }],
      dns: [{ name: 'api.partner.example.com', rcode: 'SERVFAIL' }],
    };
    expect(parseWorld(smallWorldWith((world) => set(world, ['faults'], faults)), 'world.yaml').faults).toStrictEqual(faults);
    expect(problemsOf(smallWorldWith((world) => set(world, ['faults'], { kubernetes: [{ resource: 'services', status: 'slow' }] })))).toStrictEqual([
      { path: 'faults.kubernetes[0].status', message: expect.any(String) },
    ]);
  });
});
