import { expect, loadDemoScenarios, test } from './fixtures';

const scenarios = loadDemoScenarios();

test.describe('POST /api/diagnoses', () => {
  for (const scenario of scenarios) {
    test(`${scenario.id} through the API`, async ({ request }) => {
      const created = await request.post('/api/diagnoses', {
        data: { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol },
      });
      expect(created.status()).toBe(201);
      const diagnosis: unknown = await created.json();
      expect(diagnosis).toMatchObject({ verdict: scenario.expect.verdict, blockingHop: scenario.expect.blockingHop, id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });

      const location = created.headers()['location'];
      expect(location).toMatch(/^\/api\/diagnoses\//);
      const saved = await request.get(location ?? '');
      expect(saved.status()).toBe(200);
      expect(await saved.json()).toStrictEqual(diagnosis);
    });
  }

  test('streams progress and the cluster-side hops before the result', async ({ request }) => {
    const scenario = scenarios.find((item) => item.id === 'dns-policy-denied');
    if (!scenario) throw new Error('the demo world has no dns-policy-denied scenario');
    const response = await request.post('/api/diagnoses?stream=1', { data: { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/x-ndjson');
    const lines = (await response.text()).trim().split('\n').map((line): unknown => JSON.parse(line));
    const types = lines.map((line) => (typeof line === 'object' && line !== null && 'type' in line ? String(line.type) : '?'));
    expect(types.at(-1)).toBe('result');
    expect(types.indexOf('hop')).toBeGreaterThan(types.indexOf('progress'));
    expect(lines).toContainEqual(expect.objectContaining({ type: 'hop', hop: expect.objectContaining({ kind: 'dns', verdict: 'block' }) }));
    expect(lines).toContainEqual(expect.objectContaining({ type: 'progress', stage: 'cloud' }));
  });

  test('an unknown pod is a 404 that names it, in the stream too', async ({ request }) => {
    const body = { cluster: 'acs-prod', namespace: 'shop', pod: 'no-such-pod', destination: 'api.partner.example.com:443' };
    const plain = await request.post('/api/diagnoses', { data: body });
    expect(plain.status()).toBe(404);
    expect(await plain.json()).toStrictEqual({ error: { code: 'pod_not_found', message: 'Pod shop/no-such-pod was not found in cluster acs-prod.' } });
    const streamed = await request.post('/api/diagnoses?stream=1', { data: body });
    const lines = (await streamed.text()).trim().split('\n').map((line): unknown => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'progress', stage: 'cluster' });
    expect(lines.at(-1)).toStrictEqual({ type: 'error', error: { code: 'pod_not_found', message: 'Pod shop/no-such-pod was not found in cluster acs-prod.' } });
  });
});
