/** Classic SLB 2014-05-15 write actions of the sandbox: ACL entries and starting a listener. */
import { invalidParameter, OpenApiFault, resourceNotFound } from '../fault';
import type { RequestParams } from '../request-params';
import type { ActionContext, ActionTable } from './types';

/** `AclEntrys`: a JSON array of `{ entry, comment? }`. */
function aclEntrys(params: RequestParams): Array<{ entry: string; comment: string }> {
  const raw = params.require('AclEntrys');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw Object.assign(invalidParameter('AclEntrys', raw, 'AclEntryIllegal'), { cause: error });
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 50) throw invalidParameter('AclEntrys', raw, 'AclEntryIllegal');
  return parsed.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('entry' in item) || typeof item.entry !== 'string' || !/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(item.entry)) {
      throw invalidParameter('AclEntrys', raw, 'AclEntryIllegal');
    }
    return { entry: item.entry, comment: 'comment' in item && typeof item.comment === 'string' ? item.comment : '' };
  });
}

function aclOf({ params, cloud }: ActionContext) {
  const id = params.require('AclId');
  const acl = cloud.slbAcls.find((candidate) => candidate.AclId === id);
  if (!acl) throw new OpenApiFault(404, 'AclNotExist', `The specified acl "${id}" does not exist.`);
  return acl;
}

function addAccessControlListEntry(context: ActionContext): Record<string, unknown> {
  const acl = aclOf(context);
  const entries = acl.AclEntrys.AclEntry;
  const wanted = aclEntrys(context.params);
  if (wanted.some((item) => entries.some((entry) => entry.AclEntryIP === item.entry))) {
    throw new OpenApiFault(400, 'InvalidParam.AclEntryExists', 'The specified aclEntry already exists in the acl.');
  }
  // NOTE: duplicates within one request are added once, as documented.
  for (const item of wanted) {
    if (!entries.some((entry) => entry.AclEntryIP === item.entry)) entries.push({ AclEntryIP: item.entry, AclEntryComment: item.comment });
  }
  return {};
}

function removeAccessControlListEntry(context: ActionContext): Record<string, unknown> {
  const acl = aclOf(context);
  const wanted = aclEntrys(context.params);
  const missing = wanted.find((item) => !acl.AclEntrys.AclEntry.some((entry) => entry.AclEntryIP === item.entry));
  // NOTE: the error code for removing an absent entry is not documented; this one is the closest in the SLB list.
  if (missing !== undefined) throw new OpenApiFault(400, 'AclEntryEmpty', `The acl does not have the entry ${missing.entry}.`);
  acl.AclEntrys.AclEntry = acl.AclEntrys.AclEntry.filter((entry) => !wanted.some((item) => item.entry === entry.AclEntryIP));
  return {};
}

function startLoadBalancerListener({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('LoadBalancerId');
  const balancer = cloud.loadBalancers.find((candidate) => candidate.LoadBalancerId === id);
  if (!balancer) throw resourceNotFound('InvalidLoadBalancerId.NotFound', id);
  const port = params.integer('ListenerPort', 0, 1, 65535);
  const protocol = params.get('ListenerProtocol');
  const listener = balancer.Listeners.find((candidate) => candidate.ListenerPort === port && (protocol === undefined || candidate.ListenerProtocol === protocol));
  if (!listener) throw new OpenApiFault(400, 'ListenerNotFound', `The specified listener ${port} does not exist.`);
  listener.Status = 'running';
  return {};
}

/** SLB 2014-05-15 write actions by name. */
export const slbWriteActions: ActionTable = {
  AddAccessControlListEntry: { product: 'slb', resourceType: 'acl', regional: true, write: true, handle: addAccessControlListEntry },
  RemoveAccessControlListEntry: { product: 'slb', resourceType: 'acl', regional: true, write: true, handle: removeAccessControlListEntry },
  StartLoadBalancerListener: { product: 'slb', resourceType: 'loadbalancer', regional: true, write: true, handle: startLoadBalancerListener },
};
