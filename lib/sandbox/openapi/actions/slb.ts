/** Classic SLB 2014-05-15 actions of the sandbox: load balancers, listeners, access control lists. */
import { OpenApiFault, resourceNotFound } from '../fault';
import { pageByNumber, pageByToken } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, omit, stringAt, within } from './wire';

function describeLoadBalancers({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.loadBalancers.filter(
    (balancer) =>
      within(params.commaList('LoadBalancerId'), balancer.LoadBalancerId) &&
      matches(params.get('Address'), balancer.Address) &&
      matches(params.get('AddressType'), balancer.AddressType) &&
      matches(params.get('VpcId'), stringAt(balancer, 'VpcId')),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 50, maxSize: 100 });
  // NOTE: listeners are a world-only join; the real list action does not return them.
  return { ...fields, LoadBalancers: { LoadBalancer: items.map((balancer) => omit(balancer, ['Listeners'])) } };
}

function describeLoadBalancerListeners({ params, cloud }: ActionContext): Record<string, unknown> {
  const ids = params.list('LoadBalancerId');
  const unknown = ids.find((id) => !cloud.loadBalancers.some((balancer) => balancer.LoadBalancerId === id));
  if (unknown !== undefined) throw resourceNotFound('InvalidLoadBalancerId.NotFound', unknown);
  const listeners = cloud.loadBalancers
    .filter((balancer) => within(ids, balancer.LoadBalancerId))
    .flatMap((balancer) => balancer.Listeners.map((listener) => ({ ...listener, LoadBalancerId: balancer.LoadBalancerId })))
    .filter(
      (listener) =>
        matches(params.get('ListenerProtocol'), listener.ListenerProtocol) &&
        matches(params.get('ListenerPort'), String(listener.ListenerPort)),
    );
  const { items, NextToken, MaxResults } = pageByToken(listeners, params, { defaultSize: 20, maxSize: 100 });
  // NOTE: this action returns a bare array (`Listeners: [...]`), unlike most wrapped lists.
  return { NextToken, MaxResults, TotalCount: listeners.length, Listeners: items };
}

function describeAccessControlListAttribute({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('AclId');
  const acl = cloud.slbAcls.find((candidate) => candidate.AclId === id);
  if (!acl) throw new OpenApiFault(404, 'AclNotExist', `The specified acl "${id}" does not exist.`);
  const related = cloud.loadBalancers.flatMap((balancer) =>
    balancer.Listeners.filter((listener) => listener.AclId === id).map((listener) => ({
      LoadBalancerId: balancer.LoadBalancerId,
      ListenerPort: listener.ListenerPort,
      Protocol: listener.ListenerProtocol,
      AclType: listener.AclType ?? 'white',
    })),
  );
  return {
    AddressIPVersion: 'ipv4',
    ...acl,
    AclName: acl.AclName ?? '',
    RelatedListeners: { RelatedListener: related },
  };
}

/** SLB 2014-05-15 actions by name. */
export const slbActions: ActionTable = {
  DescribeLoadBalancers: { product: 'slb', resourceType: 'loadbalancer', regional: true, handle: describeLoadBalancers },
  DescribeLoadBalancerListeners: {
    product: 'slb',
    resourceType: 'loadbalancer',
    regional: true,
    handle: describeLoadBalancerListeners,
  },
  DescribeAccessControlListAttribute: { product: 'slb', resourceType: 'acl', regional: true, handle: describeAccessControlListAttribute },
};
