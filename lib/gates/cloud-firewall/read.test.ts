/**
 * The Cloud Firewall reader against the sandbox OpenAPI endpoint over real HTTP (generic signed
 * RPC calls to Cloudfw 2017-12-07): assets of the path's public addresses, the VPC's NAT
 * firewalls, policies of the firewalls that are on (paged), and a refused read as a missing fact.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createCloudClients, type CloudClients } from '@/lib/alicloud/clients';
import { cloudFacts, ok } from '@/lib/analysis/__fixtures__/path-builders';
import { eni } from '@/lib/analysis/__fixtures__/cloud-builders';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { readCloudFirewallFacts } from './read';

const key = { accessKeyId: 'LTAI5tSandboxCloudfwTest', accessKeySecret: 'cloudfw-test-secret' };
const rule = (order: number, overrides: Record<string, unknown> = {}) => ({ AclUuid: `acl-${order}`, Direction: 'out', Order: order, AclAction: 'accept', Source: '0.0.0.0/0', Destination: '192.0.2.0/24', ...overrides });

const world: World = worldSchema.parse({
  version: 1,
  name: 'cloudfw-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    cloudFirewall: {
      assets: [
        { InternetAddress: '198.51.100.20', ResourceType: 'NatEIP', ResourceInstanceId: 'ngw-1', ProtectStatus: 'open' },
        { InternetAddress: '198.51.100.200', ResourceType: 'EIP', ResourceInstanceId: 'eip-other', ProtectStatus: 'open' },
      ],
      natFirewalls: [
        { ProxyId: 'proxy-nat1', ProxyName: 'egress', NatGatewayId: 'ngw-1', VpcId: 'vpc-1', ProxyStatus: 'normal', StrictMode: 1 },
        { ProxyId: 'proxy-nat2', NatGatewayId: 'ngw-2', VpcId: 'vpc-1', ProxyStatus: 'closed' },
        { ProxyId: 'proxy-elsewhere', NatGatewayId: 'ngw-9', VpcId: 'vpc-9', ProxyStatus: 'normal' },
      ],
      // 60 outbound policies (two pages of 50), one inbound that is not read, in reverse order on purpose.
      controlPolicies: [
        rule(1, { Direction: 'in' }),
        ...Array.from({ length: 60 }, (_, index) => rule(60 - index)),
      ],
      natControlPolicies: [
        { ...rule(1, { AclAction: 'drop', Source: '10.0.0.0/8', Destination: 'example.com', DestinationType: 'domain', DomainResolveType: 'FQDN', ApplicationNameList: ['HTTPS'], Description: 'no SaaS' }), NatGatewayId: 'ngw-1' },
        { ...rule(1), NatGatewayId: 'ngw-2' },
      ],
    },
  },
});

let sandbox: OpenApiSandbox;
let clients: CloudClients;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, productEndpoints: { cloudfw: sandbox.endpoint }, timeoutMs: 5000 });
});
afterEach(() => {
  sandbox.setWorld(world);
  sandbox.resetCalls();
});
afterAll(() => sandbox.close());

const context = (destinationAddresses: string[] = ['203.0.113.10']) => ({ clients, cloud: cloudFacts(), destinationAddresses, request: { host: destinationAddresses[0] ?? '', destination: destinationAddresses[0] ?? '' } });

describe('readCloudFirewallFacts', () => {
  it('reads the assets of the path’s public addresses, the VPC’s NAT firewalls and the policies of those that are on', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context());
    if (fact?.kind !== 'ok') throw new Error(`expected facts, got ${JSON.stringify(fact)}`);
    const { internetPolicies, ...rest } = fact.value;
    expect(rest).toStrictEqual({
      internet: true,
      assets: [{ ip: '198.51.100.20', resourceType: 'NatEIP', instanceId: 'ngw-1', protectStatus: 'open' }],
      lookedUp: ['198.51.100.20'],
      natFirewalls: [
        { id: 'proxy-nat1', name: 'egress', natGatewayId: 'ngw-1', vpcId: 'vpc-1', status: 'normal', strictMode: true },
        { id: 'proxy-nat2', name: '', natGatewayId: 'ngw-2', vpcId: 'vpc-1', status: 'closed', strictMode: false },
      ],
      natPolicies: [
        {
          natGatewayId: 'ngw-1',
          policies: [{
            id: 'acl-1', direction: 'out', order: 1, action: 'drop', source: '10.0.0.0/8', sourceType: 'net', sourceCidrs: null, destination: 'example.com', destinationType: 'domain', destinationCidrs: null,
            protocol: 'ANY', destinationPort: '', destinationPorts: null, applications: ['HTTPS'], domainResolveType: 'FQDN', description: 'no SaaS', enabled: true,
          }],
        },
      ],
    });
    expect(internetPolicies?.map((policy) => policy.order)).toStrictEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(['DescribeAssetList', 'DescribeControlPolicy', 'DescribeControlPolicy', 'DescribeNatFirewallControlPolicy', 'DescribeNatFirewallList']);
  });

  it('reads no policy when no address is protected and no NAT firewall is on', async () => {
    sandbox.setWorld({ ...world, cloud: { ...world.cloud, cloudFirewall: { assets: [], natFirewalls: [], controlPolicies: [], natControlPolicies: [] } } });
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context());
    expect(fact).toStrictEqual(ok({ internet: true, assets: [], lookedUp: ['198.51.100.20'], natFirewalls: [], internetPolicies: null, natPolicies: [] }));
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(['DescribeAssetList', 'DescribeNatFirewallList']);
  });

  it('looks up the pod’s own EIP as well', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts({ ...context(), cloud: cloudFacts({ sourceEni: ok(eni({ publicIp: { ip: '198.51.100.200', allocationId: 'eip-other' } })) }) });
    expect(fact?.kind === 'ok' ? fact.value.assets.map((asset) => asset.ip) : fact).toStrictEqual(['198.51.100.200', '198.51.100.20']);
  });

  it('reads nothing for a destination that is not on the Internet', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context(['10.0.2.8']));
    expect(fact).toStrictEqual(ok({ internet: false, assets: [], lookedUp: [], natFirewalls: [], internetPolicies: null, natPolicies: [] }));
    expect(sandbox.calls()).toStrictEqual([]);
  });

  it('a refused read makes the facts missing, naming the read', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeNatFirewallControlPolicy' }] } });
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context());
    expect(fact?.kind === 'missing' ? { reason: fact.error.reason, code: fact.error.code, resource: fact.error.resource } : fact).toStrictEqual({ reason: 'forbidden', code: 'Forbidden.RAM', resource: 'DescribeNatFirewallControlPolicy ngw-1' });
  });
});
