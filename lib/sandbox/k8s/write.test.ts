import { describe, expect, it } from 'vitest';

import { loadTestWorld } from './__fixtures__/load-world';
import { routeRequest, type ApiUser, type RouteContext } from './router';
import { buildClusterStore } from './store';

const admin: ApiUser = { name: 'sandbox-admin', forbiddenResources: new Set(), mayWrite: true };
const viewer: ApiUser = { name: 'restricted', forbiddenResources: new Set(), mayWrite: false };

function contextFor(user: ApiUser = admin): RouteContext {
  const world = loadTestWorld();
  return { store: buildClusterStore(world.clusters[0], 'acs-test', new Date('2026-01-01T00:00:00Z'), 1000), user, serverAddress: '127.0.0.1:1', now: Date.parse('2026-01-02T00:00:00Z') };
}

function post(context: RouteContext, url: string, body: unknown) {
  return routeRequest({ method: 'POST', url, accept: 'application/json', contentType: 'application/json', body: JSON.stringify(body) }, context);
}

function get(context: RouteContext, url: string) {
  return routeRequest({ method: 'GET', url, accept: 'application/json' }, context);
}

const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:viewer-of-things' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 } };

describe('generic writes of the sandbox Kubernetes API', () => {
  it('creates a cluster-scoped object at the cluster path and serves it back without a namespace', () => {
    const context = contextFor();
    const created = post(context, '/apis/rbac.authorization.k8s.io/v1/clusterroles', clusterRole);
    expect(created.status).toBe(201);
    const read = get(context, '/apis/rbac.authorization.k8s.io/v1/clusterroles/system:viewer-of-things');
    expect(read).toMatchObject({ status: 200, body: { kind: 'ClusterRole', rules: clusterRole.rules, metadata: { name: 'system:viewer-of-things' } } });
    expect(read.body).not.toHaveProperty(['metadata', 'namespace']);
  });

  it.each([
    ['a cluster-scoped kind at a namespaced path', '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/clusterroles', clusterRole, 405, 'MethodNotAllowed'],
    ['a namespaced kind at the cluster path', '/apis/apps/v1/deployments', deployment, 405, 'MethodNotAllowed'],
    ['a namespace that does not exist', '/apis/apps/v1/namespaces/ghost/deployments', deployment, 404, 'NotFound'],
    ['a kind only controllers make', '/api/v1/namespaces/shop/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, 405, 'MethodNotAllowed'],
    ['a name that is not a DNS subdomain', '/apis/apps/v1/namespaces/shop/deployments', { ...deployment, metadata: { name: 'Web_1' } }, 422, 'Invalid'],
  ])('refuses %s', (_name, url, body, status, reason) => {
    expect(post(contextFor(), url, body)).toMatchObject({ status, body: { kind: 'Status', reason } });
  });

  it('refuses a cluster-scoped write of a user without write access, naming the cluster scope', () => {
    expect(post(contextFor(viewer), '/apis/rbac.authorization.k8s.io/v1/clusterroles', clusterRole)).toMatchObject({
      status: 403,
      body: { message: 'clusterroles.rbac.authorization.k8s.io is forbidden: User "restricted" cannot create resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope' },
    });
  });

  it('labels a created namespace, and deleting it deletes what it holds', () => {
    const context = contextFor();
    expect(post(context, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'egress-doctor' } })).toMatchObject({
      status: 201,
      body: { metadata: { labels: { 'kubernetes.io/metadata.name': 'egress-doctor' } }, status: { phase: 'Active' } },
    });
    expect(post(context, '/apis/apps/v1/namespaces/egress-doctor/deployments', deployment).status).toBe(201);
    expect(routeRequest({ method: 'DELETE', url: '/api/v1/namespaces/egress-doctor', accept: 'application/json' }, context).status).toBe(200);
    expect(get(context, '/apis/apps/v1/namespaces/egress-doctor/deployments/web').status).toBe(404);
    expect(get(context, '/api/v1/namespaces/egress-doctor').status).toBe(404);
  });
});
