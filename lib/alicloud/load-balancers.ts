/** Classic SLB (CLB) 2014-05-15 through the generic OpenAPI client: load balancers, listeners, ACLs. */
import 'server-only';

import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';

import type { LoadBalancer, SlbAcl, SlbListener } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { toUpstreamError } from './errors';
import { rpcParams } from './rpc-params';
import { collectByNumber, collectByToken } from './paging';
import {
  readListeners,
  readLoadBalancers,
  readNumber,
  readSlbAcl,
  readText,
  type WireListener,
  type WireLoadBalancer,
  type WireSlbAcl,
} from './wire';

/** Calls an SLB action (RPC style, signed like the SDK clients) and returns the raw body. */
async function callSlb(clients: CloudClients, action: string, query: Record<string, unknown>, resource: string): Promise<unknown> {
  const params = rpcParams(action, '2014-05-15');
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query({ RegionId: clients.region, ...query }) });
  try {
    const response = await clients.slb.callApi(params, request, new RuntimeOptions({}));
    const body: unknown = response['body'];
    return body;
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
}

/** Converts one listener. `AclIds` (newer) and `AclId` are merged. */
export function toSlbListener(raw: WireListener): SlbListener {
  return {
    port: raw.ListenerPort,
    protocol: raw.ListenerProtocol.toLowerCase(),
    status: raw.Status,
    aclStatus: raw.AclStatus === 'on' ? 'on' : 'off',
    aclType: raw.AclType === 'white' || raw.AclType === 'black' ? raw.AclType : null,
    aclIds: [...new Set([raw.AclId, ...raw.AclIds].filter((id) => id !== ''))],
  };
}

/** Converts a load balancer and its listeners. */
export function toLoadBalancer(raw: WireLoadBalancer, listeners: SlbListener[]): LoadBalancer {
  return {
    id: raw.LoadBalancerId,
    name: raw.LoadBalancerName,
    address: raw.Address,
    addressType: raw.AddressType === 'internet' ? 'internet' : 'intranet',
    vpcId: raw.VpcId || null,
    vSwitchId: raw.VSwitchId || null,
    status: raw.LoadBalancerStatus,
    listeners,
  };
}

/** Converts a DescribeAccessControlListAttribute body. */
export function toSlbAcl(raw: WireSlbAcl): SlbAcl {
  return {
    id: raw.AclId,
    name: raw.AclName,
    entries: raw.AclEntrys.AclEntry.map((entry) => ({ cidr: entry.AclEntryIP, comment: entry.AclEntryComment })),
  };
}

/**
 * The CLB that owns `address` with all its listeners, or null when no CLB has it.
 * DescribeLoadBalancers, then DescribeLoadBalancerListeners (all pages of both).
 */
export async function findLoadBalancerByAddress(clients: CloudClients, address: string): Promise<LoadBalancer | null> {
  const balancers = await collectByNumber(100, async (pageNumber) => {
    const body = await callSlb(clients, 'DescribeLoadBalancers', { Address: address, PageNumber: pageNumber, PageSize: 100 }, `DescribeLoadBalancers ${address}`);
    return { items: readLoadBalancers(body), totalCount: readNumber(body, 'TotalCount') };
  });
  const balancer = balancers.find((candidate) => candidate.Address === address);
  if (!balancer) return null;
  const resource = `DescribeLoadBalancerListeners ${balancer.LoadBalancerId}`;
  const listeners = await collectByToken(async (nextToken) => {
    const query = { LoadBalancerId: [balancer.LoadBalancerId], MaxResults: 100, ...(nextToken ? { NextToken: nextToken } : {}) };
    const body = await callSlb(clients, 'DescribeLoadBalancerListeners', query, resource);
    return { items: readListeners(body), nextToken: readText(body, 'NextToken') };
  });
  return toLoadBalancer(balancer, listeners.map(toSlbListener));
}

/** The CLB access control lists with these ids, one call each, in parallel. */
export async function describeSlbAcls(clients: CloudClients, ids: string[]): Promise<SlbAcl[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) =>
      toSlbAcl(readSlbAcl(await callSlb(clients, 'DescribeAccessControlListAttribute', { AclId: id }, `DescribeAccessControlListAttribute ${id}`))),
    ),
  );
}
