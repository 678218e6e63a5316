/**
 * The Cloud Firewall reader against the sandbox OpenAPI endpoint over real HTTP (generic signed
 * RPC calls to Cloudfw 2017-12-07): assets of the path's public addresses, the VPC's NAT
 * firewalls, policies of the firewalls that are on (paged), and a refused read as a missing fact.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createCloudClients, type CloudClients } from '@/lib/alicloud/clients';
import { cloudFacts, ok } from '@/lib/analysis/__fixtures__/path-builders';
import { eni, routeEntry, routeTable } from '@/lib/analysis/__fixtures__/cloud-builders';
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
      vpcFirewallCens: [
        { VpcFirewallId: 'vfw-src', CenId: 'cen-1', FirewallSwitchStatus: 'opened', LocalVpc: { VpcId: 'vpc-1', DefendCidrList: ['10.0.0.0/16'] } },
        {
          VpcFirewallId: 'vfw-dst', CenId: 'cen-2', FirewallSwitchStatus: 'closed',
          LocalVpc: { VpcId: 'vpc-2', VpcCidrTableList: [{ RouteTableId: 'vtb-2', RouteEntryList: [{ DestinationCidr: '10.1.0.0/16', NextHopInstanceId: 'vrt-2' }] }] },
        },
        { VpcFirewallId: 'vfw-other', CenId: 'cen-3', FirewallSwitchStatus: 'opened', LocalVpc: { VpcId: 'vpc-9', DefendCidrList: ['10.9.0.0/16'] } },
      ],
      vpcFirewalls: [
        { VpcFirewallId: 'vfw-peer', FirewallSwitchStatus: 'opened', LocalVpc: { VpcId: 'vpc-2', VpcCidrTableList: [{ RouteEntryList: [{ DestinationCidr: '10.1.0.0/16' }] }] }, PeerVpc: { VpcId: 'vpc-1' } },
        { VpcFirewallId: 'vfw-elsewhere', FirewallSwitchStatus: 'opened', LocalVpc: { VpcId: 'vpc-7' }, PeerVpc: { VpcId: 'vpc-8' } },
      ],
      // 55 policies of cen-1 (two pages of 50), in reverse order on purpose; one of another group.
      vpcControlPolicies: [
        ...Array.from({ length: 55 }, (_, index) => ({ AclUuid: `acl-${55 - index}`, Order: 55 - index, AclAction: index === 54 ? 'drop' : 'accept', Source: '0.0.0.0/0', Destination: '192.0.2.0/24', VpcFirewallId: 'cen-1' })),
        { AclUuid: 'acl-peer', Order: 1, AclAction: 'drop', Source: '10.0.0.0/16', Destination: '10.1.0.0/16', VpcFirewallId: 'vfw-peer' },
        { AclUuid: 'acl-other', Order: 1, AclAction: 'drop', Source: '0.0.0.0/0', Destination: '0.0.0.0/0', VpcFirewallId: 'cen-3' },
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
      vpcBorder: null,
    });
    expect(internetPolicies?.map((policy) => policy.order)).toStrictEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(['DescribeAssetList', 'DescribeControlPolicy', 'DescribeControlPolicy', 'DescribeNatFirewallControlPolicy', 'DescribeNatFirewallList']);
  });

  it('reads no policy when no address is protected and no NAT firewall is on', async () => {
    sandbox.setWorld({ ...world, cloud: { ...world.cloud, cloudFirewall: { assets: [], natFirewalls: [], controlPolicies: [], natControlPolicies: [], vpcFirewallCens: [], vpcFirewalls: [], vpcControlPolicies: [] } } });
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context());
    expect(fact).toStrictEqual(ok({ internet: true, assets: [], lookedUp: ['198.51.100.20'], natFirewalls: [], internetPolicies: null, natPolicies: [], vpcBorder: null }));
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(['DescribeAssetList', 'DescribeNatFirewallList']);
  });

  it('looks up the pod’s own EIP as well', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts({ ...context(), cloud: cloudFacts({ sourceEni: ok(eni({ publicIp: { ip: '198.51.100.200', allocationId: 'eip-other' } })) }) });
    expect(fact?.kind === 'ok' ? fact.value.assets.map((asset) => asset.ip) : fact).toStrictEqual(['198.51.100.200', '198.51.100.20']);
  });

  it('reads nothing for a destination that is not on the Internet and not routed into another VPC', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context(['10.0.2.8']));
    expect(fact).toStrictEqual(ok({ internet: false, assets: [], lookedUp: [], natFirewalls: [], internetPolicies: null, natPolicies: [], vpcBorder: null }));
    expect(sandbox.calls()).toStrictEqual([]);
  });

  /** The source table with 10.1.0.0/16 routed to `nextHop`. */
  const routedTo = (nextHop: { type: string; id: string }) => ({
    ...context(['10.1.8.20']),
    cloud: cloudFacts({ routeTables: ok([routeTable({ entries: [...routeTable().entries, routeEntry({ id: 'rte-peer', destinationCidr: '10.1.0.0/16', nextHops: [nextHop] })] })]) }),
  });

  it('for a transit router route, reads every CEN VPC firewall and the policies of the enabled ones on the way', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts(routedTo({ type: 'Attachment', id: 'tr-attach-1' }));
    if (fact?.kind !== 'ok' || !fact.value.vpcBorder) throw new Error(`expected VPC border facts, got ${JSON.stringify(fact)}`);
    const { route, firewalls, policies } = fact.value.vpcBorder;
    expect({ route, firewalls, groups: policies.map((group) => group.policyGroupId) }).toStrictEqual({
      route: { routeEntryId: 'rte-peer', destinationCidr: '10.1.0.0/16', nextHopType: 'Attachment', nextHopId: 'tr-attach-1', via: 'cen' },
      firewalls: [
        { id: 'vfw-src', name: '', connectType: 'cen', policyGroupId: 'cen-1', status: 'opened', vpcs: [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }] },
        { id: 'vfw-dst', name: '', connectType: 'cen', policyGroupId: 'cen-2', status: 'closed', vpcs: [{ vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }] },
        { id: 'vfw-other', name: '', connectType: 'cen', policyGroupId: 'cen-3', status: 'opened', vpcs: [{ vpcId: 'vpc-9', cidrs: ['10.9.0.0/16'] }] },
      ],
      groups: ['cen-1'],
    });
    const read = policies[0]?.policies ?? [];
    expect({ orders: read.map((policy) => policy.order), first: read[0] }).toStrictEqual({
      orders: Array.from({ length: 55 }, (_, index) => index + 1),
      first: {
        id: 'acl-1', direction: 'out', order: 1, action: 'drop', source: '0.0.0.0/0', sourceType: 'net', sourceCidrs: null, destination: '192.0.2.0/24', destinationType: 'net', destinationCidrs: null,
        protocol: 'ANY', destinationPort: '', destinationPorts: null, applications: ['ANY'], domainResolveType: null, description: '', enabled: true,
      },
    });
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(['DescribeVpcFirewallCenList', 'DescribeVpcFirewallControlPolicy', 'DescribeVpcFirewallControlPolicy']);
  });

  it('for a peering route, reads the source VPC’s Express Connect firewalls and the pair’s policies', async () => {
    const { cloudFirewall: fact } = await readCloudFirewallFacts(routedTo({ type: 'VpcPeer', id: 'pcc-1' }));
    if (fact?.kind !== 'ok' || !fact.value.vpcBorder) throw new Error(`expected VPC border facts, got ${JSON.stringify(fact)}`);
    expect({ firewalls: fact.value.vpcBorder.firewalls, policies: fact.value.vpcBorder.policies.map((group) => [group.policyGroupId, group.policies.map((policy) => policy.id)]) }).toStrictEqual({
      firewalls: [{ id: 'vfw-peer', name: '', connectType: 'expressconnect', policyGroupId: 'vfw-peer', status: 'opened', vpcs: [{ vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }, { vpcId: 'vpc-1', cidrs: [] }] }],
      policies: [['vfw-peer', ['acl-peer']]],
    });
    // vfw-elsewhere (vpc-7 ↔ vpc-8) is not read: the list is asked for the source VPC's firewalls.
    expect(sandbox.calls().map((call) => call.action)).toStrictEqual(['DescribeVpcFirewallList', 'DescribeVpcFirewallControlPolicy']);
  });

  it('a refused VPC firewall read makes the facts missing, naming it', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeVpcFirewallControlPolicy' }] } });
    const { cloudFirewall: fact } = await readCloudFirewallFacts(routedTo({ type: 'Attachment', id: 'tr-attach-1' }));
    expect(fact?.kind === 'missing' ? { code: fact.error.code, resource: fact.error.resource } : fact).toStrictEqual({ code: 'Forbidden.RAM', resource: 'DescribeVpcFirewallControlPolicy cen-1' });
  });

  it('a refused read makes the facts missing, naming the read', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeNatFirewallControlPolicy' }] } });
    const { cloudFirewall: fact } = await readCloudFirewallFacts(context());
    expect(fact?.kind === 'missing' ? { reason: fact.error.reason, code: fact.error.code, resource: fact.error.resource } : fact).toStrictEqual({ reason: 'forbidden', code: 'Forbidden.RAM', resource: 'DescribeNatFirewallControlPolicy ngw-1' });
  });
});
