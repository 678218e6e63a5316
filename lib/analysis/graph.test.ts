import { describe, expect, it } from 'vitest';

import { buildPathGraph, type PathGraph, type PathGraphInput } from './graph';
import type { HopKind, HopVerdict } from './model';

function hop(kind: HopKind, verdict: HopVerdict, summary = `${kind} ${verdict}`): PathGraphInput['hops'][number] {
  return { kind, verdict, summary, reason: verdict === 'skip' || verdict === 'unknown' ? `${kind} reason` : null };
}

function diagnosis(overrides: Partial<PathGraphInput> = {}): PathGraphInput {
  return {
    request: { namespace: 'shop', pod: 'web-1', host: 'api.example.com', port: 443, protocol: 'tcp' },
    source: { sourceAddress: '10.0.1.23', podIp: '10.0.1.23', networkMode: 'vpc' },
    destination: { kind: 'internet', addresses: ['203.0.113.7'], label: 'Internet' },
    hops: [hop('dns', 'pass'), hop('networkPolicy', 'pass'), hop('securityGroup', 'pass'), hop('natEip', 'pass'), hop('whitelist', 'skip')],
    verdict: 'reachable',
    blockingHop: null,
    ...overrides,
  };
}

const source = { kind: 'source', id: 'source', label: 'shop/web-1', summary: '10.0.1.23 · VPC (ENI)', verdict: 'pass' } as const;

function hopNode(kind: HopKind, label: string, verdict: HopVerdict, index: number, blocking = false) {
  return { kind: 'hop', id: kind, hop: kind, label, summary: `${kind} ${verdict}`, reason: verdict === 'skip' || verdict === 'unknown' ? `${kind} reason` : null, verdict, blocking, index } as const;
}

function edge(from: string, to: string, verdict: HopVerdict, afterBlock = false) {
  return { id: `${from}-${to}`, from, to, verdict, afterBlock };
}

const cases: Array<{ name: string; input: PathGraphInput; showSkipped: boolean; expected: PathGraph }> = [
  {
    name: 'reachable Internet path: skipped hops omitted, every edge passes',
    input: diagnosis(),
    showSkipped: false,
    expected: {
      nodes: [
        source,
        hopNode('dns', 'DNS', 'pass', 0),
        hopNode('networkPolicy', 'NetworkPolicy', 'pass', 1),
        hopNode('securityGroup', 'Security group', 'pass', 2),
        hopNode('natEip', 'NAT / EIP', 'pass', 3),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7', verdict: 'pass' },
      ],
      edges: [
        edge('source', 'dns', 'pass'),
        edge('dns', 'networkPolicy', 'pass'),
        edge('networkPolicy', 'securityGroup', 'pass'),
        edge('securityGroup', 'natEip', 'pass'),
        edge('natEip', 'destination', 'pass'),
      ],
      skippedCount: 1,
    },
  },
  {
    name: 'skipped hops shown in path order when asked',
    input: diagnosis({ hops: [hop('whitelist', 'skip'), hop('dns', 'pass')] }),
    showSkipped: true,
    expected: {
      nodes: [
        source,
        hopNode('dns', 'DNS', 'pass', 0),
        hopNode('whitelist', 'Whitelist', 'skip', 1),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7', verdict: 'pass' },
      ],
      edges: [edge('source', 'dns', 'pass'), edge('dns', 'whitelist', 'pass'), edge('whitelist', 'destination', 'skip')],
      skippedCount: 1,
    },
  },
  {
    name: 'blocked by the security group: block edge leaves it, later edges are after the block',
    input: diagnosis({
      hops: [hop('dns', 'pass'), hop('securityGroup', 'block'), hop('natEip', 'pass')],
      verdict: 'blocked',
      blockingHop: 'securityGroup',
    }),
    showSkipped: false,
    expected: {
      nodes: [
        source,
        hopNode('dns', 'DNS', 'pass', 0),
        hopNode('securityGroup', 'Security group', 'block', 1, true),
        hopNode('natEip', 'NAT / EIP', 'pass', 2),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7', verdict: 'block' },
      ],
      edges: [
        edge('source', 'dns', 'pass'),
        edge('dns', 'securityGroup', 'pass'),
        edge('securityGroup', 'natEip', 'block', true),
        edge('natEip', 'destination', 'pass', true),
      ],
      skippedCount: 0,
    },
  },
  {
    name: 'several addresses: each branch has its own verdict; the blocked one is the chain shown; beyond the bound, neutral',
    input: diagnosis({
      destination: { kind: 'internet', addresses: ['203.0.113.7', '203.0.113.8', '203.0.113.9'], label: 'Internet' },
      hops: [hop('dns', 'pass'), hop('securityGroup', 'block')],
      verdict: 'blocked',
      blockingHop: 'securityGroup',
      addresses: [
        { address: '203.0.113.7', verdict: 'reachable', blockingHop: null },
        { address: '203.0.113.8', verdict: 'blocked', blockingHop: 'securityGroup' },
      ],
    }),
    showSkipped: false,
    expected: {
      nodes: [
        source,
        hopNode('dns', 'DNS', 'pass', 0),
        hopNode('securityGroup', 'Security group', 'block', 1, true),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7 (+2)', verdict: 'block' },
        { kind: 'address', id: 'address-203.0.113.7', label: '203.0.113.7', summary: 'reachable', summaryMessage: { id: 'addressSummary.reachable' }, primary: false, evaluated: true, verdict: 'pass' },
        { kind: 'address', id: 'address-203.0.113.8', label: '203.0.113.8', summary: 'blocked at Security group', summaryMessage: { id: 'addressSummary.blockedAt', params: { hop: { id: 'hops.securityGroup' } } }, primary: true, evaluated: true, verdict: 'block' },
        { kind: 'address', id: 'address-203.0.113.9', label: '203.0.113.9', summary: 'not evaluated', summaryMessage: { id: 'addressSummary.notEvaluated' }, primary: false, evaluated: false, verdict: 'skip' },
      ],
      edges: [
        edge('source', 'dns', 'pass'),
        edge('dns', 'securityGroup', 'pass'),
        edge('securityGroup', 'destination', 'block', true),
        edge('destination', 'address-203.0.113.7', 'pass'),
        edge('destination', 'address-203.0.113.8', 'block', true),
        edge('destination', 'address-203.0.113.9', 'skip', true),
      ],
      skippedCount: 0,
    },
  },
  {
    name: 'several addresses in a diagnosis saved before each was evaluated: the first evaluated, the others neutral',
    input: diagnosis({
      destination: { kind: 'internet', addresses: ['203.0.113.7', '203.0.113.8'], label: 'Internet' },
      hops: [hop('dns', 'pass'), hop('whitelist', 'unknown')],
      verdict: 'unknown',
    }),
    showSkipped: false,
    expected: {
      nodes: [
        source,
        hopNode('dns', 'DNS', 'pass', 0),
        hopNode('whitelist', 'Whitelist', 'unknown', 1),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7 (+1)', verdict: 'unknown' },
        { kind: 'address', id: 'address-203.0.113.7', label: '203.0.113.7', summary: 'evaluated', primary: true, evaluated: true, verdict: 'unknown' },
        { kind: 'address', id: 'address-203.0.113.8', label: '203.0.113.8', summary: 'not evaluated', summaryMessage: { id: 'addressSummary.notEvaluated' }, primary: false, evaluated: false, verdict: 'skip' },
      ],
      edges: [
        edge('source', 'dns', 'pass'),
        edge('dns', 'whitelist', 'pass'),
        edge('whitelist', 'destination', 'unknown'),
        edge('destination', 'address-203.0.113.7', 'unknown'),
        edge('destination', 'address-203.0.113.8', 'skip', true),
      ],
      skippedCount: 0,
    },
  },
  {
    name: 'unresolved name in Flannel mode: no address, destination blocked after DNS',
    input: diagnosis({
      source: { sourceAddress: '192.168.0.10', podIp: '172.20.1.5', networkMode: 'flannel' },
      destination: { kind: 'unresolved', addresses: [], label: 'Unresolved name' },
      hops: [hop('dns', 'block'), hop('securityGroup', 'skip')],
      verdict: 'blocked',
      blockingHop: 'dns',
    }),
    showSkipped: false,
    expected: {
      nodes: [
        { ...source, summary: '192.168.0.10 · Flannel (node IP)' },
        hopNode('dns', 'DNS', 'block', 0, true),
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Unresolved name', verdict: 'block' },
      ],
      edges: [edge('source', 'dns', 'pass'), edge('dns', 'destination', 'block', true)],
      skippedCount: 1,
    },
  },
  {
    name: 'no hops at all: source straight to destination',
    input: diagnosis({ hops: [], source: { sourceAddress: null, podIp: null, networkMode: 'vpc' } }),
    showSkipped: true,
    expected: {
      nodes: [
        { ...source, summary: 'no IP · VPC (ENI)' },
        { kind: 'destination', id: 'destination', label: 'api.example.com:443/tcp', summary: 'Internet · 203.0.113.7', verdict: 'pass' },
      ],
      edges: [edge('source', 'destination', 'pass')],
      skippedCount: 0,
    },
  },
];

describe('buildPathGraph', () => {
  it.each(cases)('$name', ({ input, showSkipped, expected }) => {
    expect(buildPathGraph(input, { showSkipped })).toStrictEqual(expected);
  });
});
