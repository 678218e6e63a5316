/** VPC 2016-04-28 actions of the sandbox: VPCs, vSwitches, routes, NAT/SNAT, EIPs, network ACLs. */
import { OpenApiFault, resourceNotFound } from '../fault';
import { pageByNumber, pageByToken } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, within } from './wire';

function describeVpcs({ params, cloud }: ActionContext): Record<string, unknown> {
  const ids = params.commaList('VpcId');
  const found = cloud.vpcs.filter((vpc) => within(ids, vpc.VpcId));
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 50 });
  return { ...fields, Vpcs: { Vpc: items } };
}

function describeVSwitches({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.vSwitches.filter(
    (vSwitch) =>
      matches(params.get('VpcId'), vSwitch.VpcId) &&
      within(params.commaList('VSwitchId'), vSwitch.VSwitchId) &&
      matches(params.get('ZoneId'), vSwitch.ZoneId),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 50 });
  return { ...fields, VSwitches: { VSwitch: items } };
}

function describeVSwitchAttributes({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('VSwitchId');
  const vSwitch = cloud.vSwitches.find((candidate) => candidate.VSwitchId === id);
  if (!vSwitch) throw resourceNotFound('InvalidVSwitchId.NotFound', id);
  return { ...vSwitch };
}

function describeRouteTableList({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.routeTables.filter(
    (table) => matches(params.get('VpcId'), table.VpcId) && matches(params.get('RouteTableId'), table.RouteTableId),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 50 });
  return { ...fields, RouterTableList: { RouterTableListType: items } };
}

function describeRouteEntryList({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('RouteTableId');
  if (!cloud.routeTables.some((table) => table.RouteTableId === id)) {
    throw resourceNotFound('InvalidRouteTableId.NotFound', id);
  }
  const found = cloud.routeEntries.filter(
    (entry) =>
      entry.RouteTableId === id &&
      matches(params.get('RouteEntryType'), entry.Type) &&
      matches(params.get('DestinationCidrBlock'), entry.DestinationCidrBlock) &&
      matches(params.get('RouteEntryId'), entry.RouteEntryId),
  );
  const { items, NextToken } = pageByToken(found, params, { sizeParam: 'MaxResult', defaultSize: 10, maxSize: 100 });
  return { NextToken, TotalCount: found.length, RouteEntrys: { RouteEntry: items } };
}

function describeNatGateways({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.natGateways.filter(
    (gateway) =>
      matches(params.get('VpcId'), gateway.VpcId) &&
      matches(params.get('NatGatewayId'), gateway.NatGatewayId) &&
      matches(params.get('NetworkType'), gateway.NetworkType),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 50 });
  return { ...fields, NatGateways: { NatGateway: items } };
}

function describeSnatTableEntries({ params, cloud }: ActionContext): Record<string, unknown> {
  const tableId = params.get('SnatTableId');
  const gatewayId = params.get('NatGatewayId');
  if (tableId === undefined && gatewayId === undefined) {
    throw new OpenApiFault(400, 'MissingParameter', 'At least one of the parameters "SnatTableId" and "NatGatewayId" must be supplied.');
  }
  if (gatewayId !== undefined && !cloud.natGateways.some((gateway) => gateway.NatGatewayId === gatewayId)) {
    throw resourceNotFound('InvalidNatGatewayId.NotFound', gatewayId);
  }
  const knownTable = cloud.natGateways.some((gateway) => tableId !== undefined && gateway.SnatTableIds.SnatTableId.includes(tableId));
  if (tableId !== undefined && !knownTable) throw resourceNotFound('InvalidSnatTableId.NotFound', tableId);
  const found = cloud.snatEntries.filter(
    (entry) =>
      matches(tableId, entry.SnatTableId) &&
      matches(gatewayId, entry.NatGatewayId) &&
      matches(params.get('SnatEntryId'), entry.SnatEntryId) &&
      matches(params.get('SourceVSwitchId'), entry.SourceVSwitchId) &&
      matches(params.get('SnatIp'), entry.SnatIp),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 50 });
  return { ...fields, SnatTableEntries: { SnatTableEntry: items } };
}

function describeEipAddresses({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.eips.filter(
    (eip) =>
      within(params.commaList('AllocationId'), eip.AllocationId) &&
      within(params.commaList('EipAddress'), eip.IpAddress) &&
      matches(params.get('AssociatedInstanceType'), eip.InstanceType) &&
      matches(params.get('AssociatedInstanceId'), eip.InstanceId) &&
      matches(params.get('Status'), eip.Status),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 100 });
  return { ...fields, EipAddresses: { EipAddress: items } };
}

function describeNetworkAcls({ params, cloud }: ActionContext): Record<string, unknown> {
  const resourceId = params.get('ResourceId');
  const found = cloud.networkAcls.filter(
    (acl) =>
      matches(params.get('NetworkAclId'), acl.NetworkAclId) &&
      matches(params.get('VpcId'), acl.VpcId) &&
      (resourceId === undefined || acl.Resources.Resource.some((resource) => resource.ResourceId === resourceId)),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 10, maxSize: 100 });
  return { ...fields, NetworkAcls: { NetworkAcl: items } };
}

function describeNetworkAclAttributes({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('NetworkAclId');
  const acl = cloud.networkAcls.find((candidate) => candidate.NetworkAclId === id);
  // NOTE: the error code for an unknown ACL is not documented; this follows the Invalid<X>Id.NotFound pattern.
  if (!acl) throw resourceNotFound('InvalidNetworkAclId.NotFound', id);
  return { NetworkAclAttribute: { ...acl, RegionId: cloud.regionId } };
}

/** VPC 2016-04-28 actions by name. */
export const vpcActions: ActionTable = {
  DescribeVpcs: { product: 'vpc', resourceType: 'vpc', regional: true, handle: describeVpcs },
  DescribeVSwitches: { product: 'vpc', resourceType: 'vswitch', regional: true, handle: describeVSwitches },
  DescribeVSwitchAttributes: { product: 'vpc', resourceType: 'vswitch', regional: true, handle: describeVSwitchAttributes },
  DescribeRouteTableList: { product: 'vpc', resourceType: 'routetable', regional: true, handle: describeRouteTableList },
  DescribeRouteEntryList: { product: 'vpc', resourceType: 'routetable', regional: true, handle: describeRouteEntryList },
  DescribeNatGateways: { product: 'vpc', resourceType: 'natgateway', regional: true, handle: describeNatGateways },
  DescribeSnatTableEntries: { product: 'vpc', resourceType: 'snattable', regional: true, handle: describeSnatTableEntries },
  DescribeEipAddresses: { product: 'vpc', resourceType: 'eip', regional: true, handle: describeEipAddresses },
  DescribeNetworkAcls: { product: 'vpc', resourceType: 'networkacl', regional: true, handle: describeNetworkAcls },
  DescribeNetworkAclAttributes: { product: 'vpc', resourceType: 'networkacl', regional: true, handle: describeNetworkAclAttributes },
};
