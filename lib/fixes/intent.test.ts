import { describe, expect, it } from 'vitest';

import { ok, pod } from '@/lib/analysis/__fixtures__/path-builders';
import type { Fact, Intent, Pod } from '@/lib/analysis/model';

import { podsInCidrs, podsInSecurityGroup, podsWithLabels, POD_SECURITY_GROUPS_ANNOTATION, type PodCount } from './blast-radius';
import { intentOf, intentSentence, isDenyName, namedProxy, respectIntentFix } from './intent';
import { verifyCommands, type FlowToVerify } from './verify';
import { withoutMessages } from '@/lib/test/without-messages';

const rule = { kind: 'securityGroupRule', id: 'sgr-1', label: 'rule sgr-1 of sg-1' };
const flow: FlowToVerify = { cluster: 'acs-prod', namespace: 'payments', pod: 'notifier-0', host: 'hooks.example.net', port: 443, protocol: 'tcp' };

describe('intentOf', () => {
  it.each([
    { name: 'a description is intent', description: 'SEC-2291: no direct Internet HTTPS', ruleName: null, expected: { control: rule, signal: 'description', says: 'SEC-2291: no direct Internet HTTPS' } },
    { name: 'a blank description is not', description: '   ', ruleName: null, expected: null },
    { name: 'no description, no name: none', description: undefined, ruleName: null, expected: null },
    { name: 'a targeted deny name is intent', description: '', ruleName: 'deny-partner-api', expected: { control: rule, signal: 'namedDeny', says: 'deny-partner-api' } },
    { name: 'the description wins over the name', description: 'PCI', ruleName: 'block-all-web', expected: { control: rule, signal: 'description', says: 'PCI' } },
    { name: 'a baseline default deny is not', description: '', ruleName: 'default-deny', expected: null },
  ])('$name', ({ description, ruleName, expected }) => {
    expect(intentOf(rule, description, ruleName)).toStrictEqual(expected);
  });
});

describe('isDenyName', () => {
  it.each([
    ['deny-internet-https', true],
    ['block-partner', true],
    ['payments-lockdown', true],
    ['egress.restricted', true],
    ['deny-all', false],
    ['default-deny', false],
    ['deny-all-egress', false],
    ['allow-dns', false],
    ['denylisted', false],
  ])('%s → %s', (name, expected) => {
    expect(isDenyName(name)).toBe(expected);
  });
});

describe('namedProxy', () => {
  it.each([
    ['SEC-2291: no direct Internet HTTPS, use the egress proxy', 'the egress proxy'],
    ['PCI: Internet HTTPS only through the payment proxy', 'the payment proxy'],
    ['go through proxy', 'the proxy'],
    ['Use the API gateway for partners', 'the API gateway'],
    ['No direct database access', null],
  ])('%s → %s', (says, expected) => {
    expect(namedProxy(says)).toBe(expected);
  });
});

describe('respectIntentFix', () => {
  it('for a description naming a proxy: a manual fix with the proxy as placeholders and checks through it', () => {
    const intent: Intent = { control: rule, signal: 'description', says: 'SEC-2291: no direct Internet HTTPS, use the egress proxy' };
    expect(withoutMessages(respectIntentFix({ idPrefix: 'securityGroup', intent, flow }))).toStrictEqual({
      kind: 'manual',
      id: 'securityGroup-use-proxy',
      title: 'Send hooks.example.net:443 through the egress proxy, as rule sgr-1 of sg-1 asks',
      description:
        'This looks intentional: rule sgr-1 of sg-1 says “SEC-2291: no direct Internet HTTPS, use the egress proxy”. Point the client at the egress proxy instead of opening a direct path; nothing changes in rule sgr-1 of sg-1.',
      risk: 'None to the control: traffic takes the path it names. The egress proxy must admit hooks.example.net:443.',
      target: rule,
      steps: [
        'Find the address of the egress proxy (ask the owner of rule sgr-1 of sg-1); below it is <PROXY_HOST>:<PROXY_PORT> — replace both before running anything.',
        'Configure the client of payments/notifier-0 (its workload, not the pod) to use it, e.g. the environment variable HTTPS_PROXY=http://<PROXY_HOST>:<PROXY_PORT>.',
        'Leave rule sgr-1 of sg-1 as it is.',
      ],
      verify: [
        'kubectl --context acs-prod -n payments exec notifier-0 -- nc -vz <PROXY_HOST> <PROXY_PORT>',
        "kubectl --context acs-prod -n payments exec notifier-0 -- curl -sS -o /dev/null -w '%{http_code}\\n' -x http://<PROXY_HOST>:<PROXY_PORT> https://hooks.example.net:443/",
      ],
    });
  });

  it('for an explicit except: ask the owner first', () => {
    const intent: Intent = { control: { kind: 'networkPolicy', id: 'p/q', label: 'NetworkPolicy p/q egress[0]' }, signal: 'except', says: '0.0.0.0/0 except 203.0.113.10/32' };
    const fix = respectIntentFix({ idPrefix: 'networkPolicy', intent, flow });
    expect({ id: fix.id, kind: fix.kind, title: fix.title, description: fix.description }).toStrictEqual({
      id: 'networkPolicy-ask-owner',
      kind: 'manual',
      title: 'Ask the owner of NetworkPolicy p/q egress[0] before changing it',
      description:
        'This looks intentional: NetworkPolicy p/q egress[0] excludes it explicitly (0.0.0.0/0 except 203.0.113.10/32). Find out why before opening hooks.example.net:443: the control may be there on purpose.',
    });
  });

  it('words a named deny', () => {
    expect(intentSentence({ control: rule, signal: 'namedDeny', says: 'deny-web' })).toBe('This looks intentional: rule sgr-1 of sg-1 is named “deny-web”.');
  });
});

describe('blast radius', () => {
  const pods: Fact<Pod[]> = ok([
    pod({ name: 'a', ip: '10.0.1.5' }),
    pod({ name: 'b', ip: '10.0.1.6', labels: { app: 'api' } }),
    pod({ name: 'c', ip: '10.0.2.7', annotations: { [POD_SECURITY_GROUPS_ANNOTATION]: 'sg-own, sg-1' } }),
    pod({ name: 'd', ip: '10.0.2.8', annotations: { [POD_SECURITY_GROUPS_ANNOTATION]: 'sg-other' } }),
    pod({ name: 'done', ip: '10.0.1.9', phase: 'Succeeded' }),
    pod({ name: 'host', ip: '10.0.9.1', hostNetwork: true, nodeName: 'node-1' }),
    pod({ name: 'other-ns', namespace: 'batch', ip: '10.0.1.10' }),
  ]);
  const missingPods: Fact<Pod[]> = { kind: 'missing', error: { source: 'k8s', reason: 'forbidden', resource: 'pods', message: 'no', code: '403', retryable: false } };
  const rows: Array<{ name: string; count: () => PodCount; expected: PodCount }> = [
    { name: 'default groups: every live pod without its own groups, and those naming the group', count: () => podsInSecurityGroup({ pods, source: pod(), groupId: 'sg-1', flannel: false }), expected: { kind: 'counted', count: 4 } },
    {
      name: 'own groups: the pods whose annotation names the group',
      count: () => podsInSecurityGroup({ pods, source: pod({ annotations: { [POD_SECURITY_GROUPS_ANNOTATION]: 'sg-1' } }), groupId: 'sg-1', flannel: false }),
      expected: { kind: 'counted', count: 1 },
    },
    { name: 'Flannel: every live pod (all leave through node ENIs)', count: () => podsInSecurityGroup({ pods, source: pod(), groupId: 'sg-1', flannel: true }), expected: { kind: 'counted', count: 6 } },
    { name: 'pods unread: unknown with the reason', count: () => podsInSecurityGroup({ pods: missingPods, source: pod(), groupId: 'sg-1', flannel: false }), expected: { kind: 'unknown', reason: 'the pod list was not read (403)' } },
    {
      name: 'CIDR: pod IPs inside, node IPs for hostNetwork pods',
      count: () => podsInCidrs({ pods, nodes: ok([{ name: 'node-1', internalIp: '10.0.1.200', providerId: null, labels: {} }]), cidrs: ['10.0.1.0/24'], flannel: false }),
      expected: { kind: 'counted', count: 4 },
    },
    { name: 'labels: the namespace pods carrying every label', count: () => podsWithLabels({ pods, namespace: 'shop', labels: { app: 'web' } }), expected: { kind: 'counted', count: 3 } },
  ];
  it.each(rows)('$name', ({ count, expected }) => {
    expect(count()).toStrictEqual(expected);
  });
});

describe('verifyCommands', () => {
  it.each([
    { name: 'TCP: nc -vz with the context', flow, hop: 'securityGroup' as const, expected: ['kubectl --context acs-prod -n payments exec notifier-0 -- nc -vz -w 5 hooks.example.net 443'] },
    { name: 'UDP: nc -vzu', flow: { ...flow, protocol: 'udp' as const, port: 123 }, hop: 'networkAcl' as const, expected: ['kubectl --context acs-prod -n payments exec notifier-0 -- nc -vzu -w 5 hooks.example.net 123'] },
    { name: 'DNS: nslookup', flow, hop: 'dns' as const, expected: ['kubectl --context acs-prod -n payments exec notifier-0 -- nslookup hooks.example.net'] },
    { name: 'odd names are quoted', flow: { ...flow, cluster: 'ctx with space' }, hop: 'natEip' as const, expected: ["kubectl --context 'ctx with space' -n payments exec notifier-0 -- nc -vz -w 5 hooks.example.net 443"] },
  ])('$name', ({ flow: input, hop, expected }) => {
    expect(verifyCommands(input, hop)).toStrictEqual(expected);
  });
});
