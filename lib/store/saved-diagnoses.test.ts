/**
 * Saving and re-running diagnoses against the sandbox, through the code the routes call:
 * the saved database holds no secret, a re-run after the world changed names the change,
 * and the routes answer 404 for unknown and expired ids.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET as getDiagnosis } from '@/app/api/diagnoses/[id]/route';
import { GET as getWorld } from '@/app/api/diagnoses/[id]/world/route';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { resetEnvForTests } from '@/lib/env';
import type { KubernetesObject, Scenario, World } from '@/lib/schemas/world';
import { loadWorldFile, parseWorld } from '@/lib/sandbox/world/load';

import { startTestSandbox, type TestSandbox } from './__fixtures__/sandbox-env';
import { getDiagnosisStore, type DiagnosisStore } from './diagnosis-store';
import { rerunSavedDiagnosis, saveDiagnosisRun } from './saved-diagnoses';
import { createSqliteDiagnosisStore } from './sqlite-store';

const secretValue = `hunter2-${Math.random().toString(36).slice(2)}`;
/** Secrets under keys that do not look secret: only an allowlist keeps them out. */
const plantedAnnotations = {
  'example.com/client-config': `sk_live_${secretValue}`,
  'example.com/database': `postgres://app:${secretValue}-pw@db.internal:5432/app`,
  'example.com/notify': `https://hooks.slack.com/services/T0/B0/${secretValue}-hook`,
};

/** The demo world with secrets planted where a careless export would copy them. */
function worldWithPlantedSecrets(): World {
  const world = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
  const plant = (object: KubernetesObject): KubernetesObject => {
    if (object.kind === 'Pod') {
      const spec = object['spec'];
      const containers = typeof spec === 'object' && spec !== null && 'containers' in spec && Array.isArray(spec.containers) ? spec.containers : [];
      return {
        ...object,
        metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `{"env":"${secretValue}"}`, 'example.com/api-token': secretValue, ...plantedAnnotations } },
        spec: { ...(typeof spec === 'object' ? spec : {}), containers: containers.map((container: unknown) => ({ ...(typeof container === 'object' ? container : {}), env: [{ name: 'DB_PASSWORD', value: secretValue }] })) },
      };
    }
    if (object.kind === 'ConfigMap') return { ...object, data: { ...(typeof object['data'] === 'object' ? object['data'] : {}), 'secret-setting': secretValue } };
    return object;
  };
  return { ...world, clusters: world.clusters.map((cluster) => ({ ...cluster, objects: cluster.objects.map(plant) })) };
}

const world = worldWithPlantedSecrets();
const scenario = (id: string): Scenario => {
  const found = world.scenarios.find((item) => item.id === id);
  if (!found) throw new Error(`the demo world has no ${id} scenario`);
  return found;
};
const requestOf = (item: Scenario) => ({ cluster: item.cluster, namespace: item.namespace, pod: item.pod, destination: item.destination, host: item.destination, port: item.port, protocol: item.protocol });

let live: TestSandbox;
let dataDir: string;
let store: DiagnosisStore;

beforeAll(async () => {
  live = await startTestSandbox(world);
  live.use();
  dataDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-saved-'));
  process.env.DATA_DIR = dataDir;
  resetEnvForTests();
  store = getDiagnosisStore();
});

afterAll(async () => {
  await store.close();
  await live.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('saved diagnoses hold no secrets', () => {
  it('the database file and its WAL contain no AccessKey, bearer token or planted secret', async () => {
    const ids: string[] = [];
    for (const id of ['internet-ok', 'sg-drop', 'rds-forbidden', 'flannel-rds-nodeip', 'lb-hairpin']) {
      const saved = await saveDiagnosisRun(store, await diagnoseWithFacts(requestOf(scenario(id))));
      ids.push(saved.diagnosis.id ?? '');
      expect(saved.diagnosis.verdict).toBe(scenario(id).expect.verdict);
      expect(parseWorld(saved.worldYaml, 'saved.yaml').scenarios[0]?.expect).toStrictEqual(scenario(id).expect);
    }
    const tokens = [...live.sandbox.kubeconfig.matchAll(/token: (\S+)/g), ...live.sandbox.restrictedKubeconfig.matchAll(/token: (\S+)/g)].map((match) => match[1] ?? '');
    const secrets = [live.sandbox.credentials.accessKeyId, live.sandbox.credentials.accessKeySecret, ...tokens, secretValue, ...Object.values(plantedAnnotations), 'DB_PASSWORD', 'BEGIN CERTIFICATE'];
    expect(tokens).toHaveLength(2);

    const files = (await readdir(dataDir)).filter((name) => name.startsWith('egress-doctor.db'));
    expect(files).toContain('egress-doctor.db-wal');
    const bytes = files.map((name) => readFileSync(path.join(dataDir, name)).toString('latin1')).join('\n');
    expect(bytes).toContain('payment-notifier-5d6c7b8f9-v6b2c');
    expect(secrets.filter((secret) => bytes.includes(secret))).toStrictEqual([]);

    const exported = await getWorld(new Request('http://localhost/api/diagnoses/x/world'), { params: Promise.resolve({ id: ids[0] ?? '' }) });
    const yaml = await exported.text();
    expect([exported.status, yaml.includes('k8s.aliyun.com/eni-instance-id') || yaml.includes('network.alibabacloud.com/security-group-ids')]).toStrictEqual([200, true]);
    expect(secrets.filter((secret) => yaml.includes(secret))).toStrictEqual([]);
  }, 60_000);
});

describe('re-run through the code the route uses', () => {
  it('after the drop rule is removed from the world, the re-run is reachable and names the removed rule', async () => {
    live.sandbox.setWorld(world);
    const first = await saveDiagnosisRun(store, await diagnoseWithFacts(requestOf(scenario('sg-drop'))));
    expect([first.diagnosis.verdict, first.diagnosis.blockingHop]).toStrictEqual(['blocked', 'securityGroup']);
    const ruleId = first.diagnosis.hops.find((hop) => hop.kind === 'securityGroup')?.evidence.decidedBy?.id ?? '';
    const group = world.cloud.securityGroups.find((item) => item.Permissions.Permission.some((rule) => rule.SecurityGroupRuleId === ruleId));
    if (!group) throw new Error(`no security group holds the deciding rule “${ruleId}”`);

    const unchanged = await rerunSavedDiagnosis(store, first.diagnosis.id ?? '', (request) => diagnoseWithFacts(request));
    expect(unchanged.changes).toStrictEqual([]);

    const withoutDrop: World = {
      ...world,
      cloud: {
        ...world.cloud,
        securityGroups: world.cloud.securityGroups.map((item) =>
          item === group ? { ...item, Permissions: { Permission: item.Permissions.Permission.filter((rule) => rule.SecurityGroupRuleId !== ruleId) } } : item,
        ),
      },
    };
    live.sandbox.setWorld(withoutDrop);
    try {
      const result = await rerunSavedDiagnosis(store, first.diagnosis.id ?? '', (request) => diagnoseWithFacts(request));
      expect(result.previousId).toBe(first.diagnosis.id);
      expect(result.diagnosis.id).not.toBe(first.diagnosis.id);
      expect([result.diagnosis.verdict, result.diagnosis.blockingHop]).toStrictEqual(['reachable', null]);
      expect(result.changes).toContainEqual({ scope: 'verdict', subject: 'verdict', change: 'changed', message: 'verdict: blocked at Security group → reachable' });
      expect(result.changes).toContainEqual({ scope: 'fact', subject: 'securityGroupRule', change: 'removed', message: `security group ${group.SecurityGroupId} rule ${ruleId} removed` });
      expect(result.changes).toContainEqual(expect.objectContaining({ scope: 'hop', subject: 'securityGroup', message: expect.stringMatching(/^Security group hop: block → pass/) }));
      expect((await store.get(result.diagnosis.id ?? ''))?.diagnosis).toStrictEqual(result.diagnosis);
    } finally {
      live.sandbox.setWorld(world);
    }
  }, 60_000);

  it('an unknown id is the 404 diagnosis_not_found', async () => {
    await expect(rerunSavedDiagnosis(store, 'AAAAAAAAAAAAAAAAAAAAAA', (request) => diagnoseWithFacts(request))).rejects.toMatchObject({ status: 404, code: 'diagnosis_not_found' });
  });
});

describe('the routes for one saved diagnosis', () => {
  const context = (id: string) => ({ params: Promise.resolve({ id }) });
  const request = (id: string) => new Request(`http://localhost/api/diagnoses/${id}`);

  it('GET /api/diagnoses/{id} answers the saved diagnosis; unknown and expired ids get 404 diagnosis_not_found', async () => {
    const saved = await saveDiagnosisRun(store, await diagnoseWithFacts(requestOf(scenario('internet-ok'))));
    const id = saved.diagnosis.id ?? '';
    const found = await getDiagnosis(request(id), context(id));
    expect([found.status, await found.json()]).toStrictEqual([200, saved.diagnosis]);

    const unknown = await getDiagnosis(request('AAAAAAAAAAAAAAAAAAAAAA'), context('AAAAAAAAAAAAAAAAAAAAAA'));
    expect([unknown.status, await unknown.json()]).toStrictEqual([404, { error: { code: 'diagnosis_not_found', message: 'No saved diagnosis has the id “AAAAAAAAAAAAAAAAAAAAAA”. It may have expired.' } }]);

    const later = createSqliteDiagnosisStore({ file: path.join(dataDir, 'egress-doctor.db'), retentionDays: 30, now: () => new Date(Date.now() + 31 * 24 * 60 * 60_000) });
    expect(await later.get(id)).toBeNull();
    await later.close();
  }, 30_000);

  it('GET /api/diagnoses/{id}/world downloads the fragment as a YAML attachment the loader accepts', async () => {
    const saved = await saveDiagnosisRun(store, await diagnoseWithFacts(requestOf(scenario('sg-drop'))));
    const id = saved.diagnosis.id ?? '';
    const response = await getWorld(request(`${id}/world`), context(id));
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition')]).toStrictEqual([200, 'application/yaml; charset=utf-8', `attachment; filename=diagnosis-${id}.yaml`]);
    const fragment = parseWorld(await response.text(), `diagnosis-${id}.yaml`);
    expect([fragment.name, fragment.scenarios[0]?.expect]).toStrictEqual([`diagnosis-${id}`, { verdict: 'blocked', blockingHop: 'securityGroup' }]);
    expect((await getWorld(request('nope/world'), context('nope'))).status).toBe(404);
  }, 30_000);
});
