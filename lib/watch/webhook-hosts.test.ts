/**
 * The webhook host allowlist and the link-local / metadata guard: which hosts pass, which
 * addresses are refused literally and after resolution, and that a refused webhook is never
 * sent (a loopback receiver sees nothing).
 */
import { createServer } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendWebhook } from './webhook';
import { guardedLookup, isForbiddenWebhookAddress, isWebhookHostAllowed, webhookUrlRefusal } from './webhook-hosts';

describe('isWebhookHostAllowed', () => {
  const allowed = ['.dingtalk.com', 'hooks.slack.com', '127.0.0.1'];
  it.each([
    ['oapi.dingtalk.com', allowed, true],
    ['a.b.dingtalk.com', allowed, true],
    ['dingtalk.com', allowed, false],
    ['evildingtalk.com', allowed, false],
    ['hooks.slack.com', allowed, true],
    ['HOOKS.SLACK.COM.', allowed, true],
    ['x.hooks.slack.com', allowed, false],
    ['127.0.0.1', allowed, true],
    ['127.0.0.2', allowed, false],
    ['anything.example.com', undefined, true],
  ] as const)('%s in %j → %s', (host, list, expected) => {
    expect(isWebhookHostAllowed(host, list)).toBe(expected);
  });
});

describe('isForbiddenWebhookAddress', () => {
  it.each([
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['100.100.100.200', true],
    ['100.100.100.201', false],
    ['fe80::1', true],
    ['fd00:ec2::254', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:10.0.0.1', false],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['hooks.slack.com', false],
  ])('%s → %s', (address, expected) => {
    expect(isForbiddenWebhookAddress(address)).toBe(expected);
  });
});

describe('webhookUrlRefusal', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=t', ['.dingtalk.com'], null],
    ['https://hooks.example.com/x', ['.dingtalk.com', 'hooks.slack.com'], 'The webhook host hooks.example.com is not in EGRESS_DOCTOR_WEBHOOK_HOSTS (.dingtalk.com, hooks.slack.com).'],
    ['http://100.100.100.200/latest/meta-data', undefined, 'The webhook host 100.100.100.200 is a link-local or cloud metadata address; webhooks are never sent there.'],
    ['http://[fe80::1]:8080/hook', undefined, 'The webhook host fe80::1 is a link-local or cloud metadata address; webhooks are never sent there.'],
    ['http://169.254.169.254/', ['169.254.169.254'], 'The webhook host 169.254.169.254 is a link-local or cloud metadata address; webhooks are never sent there.'],
    ['http://127.0.0.1:9/hook', undefined, null],
  ] as const)('%s with %j', (url, allowed, expected) => {
    expect(webhookUrlRefusal(url, allowed)).toBe(expected);
  });
});

describe('guardedLookup', () => {
  const resolving = (addresses: LookupAddress[]) => guardedLookup((_hostname, callback) => callback(null, addresses));
  const lookupOf = (lookup: ReturnType<typeof guardedLookup>, all: boolean) =>
    new Promise<{ error: string | null; address: unknown }>((resolve) => lookup('hooks.example.com', { all }, (error, address) => resolve({ error: error?.message ?? null, address })));

  it('refuses a name when any of its addresses is link-local or metadata', async () => {
    expect(await lookupOf(resolving([{ address: '203.0.113.7', family: 4 }, { address: '169.254.169.254', family: 4 }]), false)).toStrictEqual({
      error: 'hooks.example.com resolves to 169.254.169.254, a link-local or cloud metadata address; webhooks are never sent there.',
      address: '',
    });
  });

  it('passes the checked addresses on, one or all', async () => {
    const lookup = resolving([{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::7', family: 6 }]);
    expect(await lookupOf(lookup, false)).toStrictEqual({ error: null, address: '203.0.113.7' });
    expect(await lookupOf(lookup, true)).toStrictEqual({ error: null, address: [{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::7', family: 6 }] });
  });
});

describe('sendWebhook refuses before sending', () => {
  const received: string[] = [];
  const server = createServer((request, response) => {
    received.push(request.url ?? '');
    response.end('{}');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('a host outside the allowlist: failed, no attempt', async () => {
    expect(await sendWebhook(`http://127.0.0.1:${port}/a`, {}, { allowedHosts: ['hooks.slack.com'] })).toStrictEqual({
      outcome: 'failed',
      attempts: 0,
      error: 'The webhook host 127.0.0.1 is not in EGRESS_DOCTOR_WEBHOOK_HOSTS (hooks.slack.com).',
    });
    expect(received).toStrictEqual([]);
  });

  it('a name that resolves to a metadata address: failed once, not retried, nothing sent', async () => {
    const lookup = guardedLookup((_hostname, callback) => callback(null, [{ address: '100.100.100.200', family: 4 }]));
    const result = await sendWebhook(`http://metadata.example.test:${port}/b`, {}, { lookup, backoffMs: () => 1 });
    expect(result).toStrictEqual({ outcome: 'failed', attempts: 1, error: 'metadata.example.test resolves to 100.100.100.200, a link-local or cloud metadata address; webhooks are never sent there.' });
    expect(received).toStrictEqual([]);
  });

  it('a name that resolves to loopback, allowed by the list: sent', async () => {
    const lookup = guardedLookup((_hostname, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]));
    expect(await sendWebhook(`http://receiver.example.test:${port}/c`, {}, { lookup, allowedHosts: ['.example.test'] })).toStrictEqual({ outcome: 'sent', attempts: 1, error: null });
    expect(received).toStrictEqual(['/c']);
  });
});
