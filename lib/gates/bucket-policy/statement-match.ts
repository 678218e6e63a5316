/**
 * Whether one bucket-policy statement applies to the pod's request, in three values: `yes`,
 * `no`, or `open` when it rests on something the dashboard does not see (the identity the pod
 * signs with, a condition key it cannot evaluate). Pure. Semantics and sources:
 * docs/gates/oss-bucket-policy.md.
 */
import { cidrContains, isIp } from '@/lib/analysis/ip';

import type { PolicyCondition, PolicyStatement } from './facts';

/** A three-valued answer; `open` and `no` say why. */
export type Match = { kind: 'yes' } | { kind: 'no'; why: string } | { kind: 'open'; why: string };

/** The request as OSS sees it. */
/** Whose address OSS sees: the pod's or node's private IP (internal endpoint), or the pod EIP, node EIP or SNAT EIP (public). */
export type SourceAddressKind = 'podIp' | 'nodeIp' | 'podEip' | 'nodeEip' | 'snatEip';

/** The English name of a source address kind (for the match explanations). */
export const SOURCE_ADDRESS_NAMES: Readonly<Record<SourceAddressKind, string>> = { podIp: 'pod IP', nodeIp: 'node IP', podEip: 'pod EIP', nodeEip: 'node EIP', snatEip: 'SNAT EIP' };

export interface OssRequestContext {
  bucket: string;
  /** Region and owner of the bucket, for the resource ARN (`*` when not read). */
  region: string;
  ownerId: string | null;
  /** The object key the URL names, null when unknown (the statement's key pattern then leaves it open). */
  objectKey: string | null;
  /** `oss:GetObject`, `oss:PutObject`. */
  action: string;
  /** The addresses OSS sees (several SNAT IPs share the connections), or why they are not known. */
  sourceIp: { kind: 'known'; addresses: string[]; what: SourceAddressKind } | { kind: 'unknown'; why: string };
  /** The VPC the request comes from; null on the public endpoint (not from a VPC); undefined when unknown. */
  sourceVpc: string | null | undefined;
}

const yes: Match = { kind: 'yes' };

/** `*` and `?` wildcards, case-sensitive as OSS matches actions and resources. */
export function globMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}

/** Three-valued AND: any `no` decides, then any `open`. */
export function allOf(matches: Match[]): Match {
  return matches.find((match) => match.kind === 'no') ?? matches.find((match) => match.kind === 'open') ?? yes;
}

function principalMatch(statement: PolicyStatement): Match {
  if (statement.principals.includes('*')) {
    if (statement.conditions.length === 0 && statement.effect === 'Deny') {
      return { kind: 'open', why: 'Principal * without a condition binds everyone except the bucket owner; whether the pod signs as the owner is not visible' };
    }
    return yes;
  }
  if (statement.principals.length === 0) return { kind: 'no', why: 'the statement names no principal' };
  return { kind: 'open', why: `it names principals ${statement.principals.join(', ')}; the identity the pod signs with (an AccessKey, an RRSA role) is not visible` };
}

function actionMatch(statement: PolicyStatement, action: string): Match {
  if (statement.notActions.length > 0) {
    return statement.notActions.some((pattern) => globMatches(pattern, action)) ? { kind: 'no', why: `NotAction excludes ${action}` } : yes;
  }
  return statement.actions.some((pattern) => globMatches(pattern, action)) ? yes : { kind: 'no', why: `its actions do not include ${action}` };
}

/** `acs:oss:<region>:<account>:<bucket>/<key>` patterns against the bucket (and key when known). */
function resourceMatch(statement: PolicyStatement, context: OssRequestContext): Match {
  let open: Match | null = null;
  for (const resource of statement.resources) {
    const parts = resource.split(':');
    if (parts.length < 5 || parts[0] !== 'acs' || !globMatches(parts[1] ?? '', 'oss')) continue;
    const [, , region = '*', account = '*'] = parts;
    const path = parts.slice(4).join(':');
    if (!globMatches(region, context.region) && region !== '*') continue;
    if (context.ownerId !== null && !globMatches(account, context.ownerId)) continue;
    const slash = path.indexOf('/');
    const bucketPattern = slash === -1 ? path : path.slice(0, slash);
    if (!globMatches(bucketPattern, context.bucket)) continue;
    // A bucket-only resource (`acs:oss:*:*:bucket`) covers bucket actions, not objects, unless its pattern reaches into them.
    if (slash === -1 && !bucketPattern.endsWith('*')) continue;
    const keyPattern = slash === -1 ? '*' : path.slice(slash + 1);
    if (context.objectKey !== null) {
      if (globMatches(keyPattern, context.objectKey)) return yes;
      continue;
    }
    if (keyPattern === '*') return yes;
    open = { kind: 'open', why: `it covers only objects matching ${keyPattern}, and the destination names no object` };
  }
  return open ?? { kind: 'no', why: `its resources do not cover the objects of ${context.bucket}` };
}

function ipCondition(condition: PolicyCondition, context: OssRequestContext): Match {
  const negated = condition.operator === 'NotIpAddress';
  if (!negated && condition.operator !== 'IpAddress') return { kind: 'open', why: `operator ${condition.operator} on ${condition.key} is not evaluated` };
  if (context.sourceIp.kind === 'unknown') return { kind: 'open', why: `${condition.key} needs the address OSS sees: ${context.sourceIp.why}` };
  const { addresses } = context.sourceIp;
  const what = SOURCE_ADDRESS_NAMES[context.sourceIp.what];
  const inList = (address: string) => condition.values.some((value) => (value.includes('/') ? cidrContains(value, address) : isIp(value) && value === address));
  const holds = addresses.map((address) => (negated ? !inList(address) : inList(address)));
  if (holds.every(Boolean)) return yes;
  if (!holds.some(Boolean)) return { kind: 'no', why: `${condition.operator} ${condition.key} [${condition.values.join(', ')}] does not hold for the ${what} ${addresses.join(', ')}` };
  return { kind: 'open', why: `${condition.operator} ${condition.key} holds for some of the ${what}s ${addresses.join(', ')} only` };
}

const STRING_OPERATORS: Record<string, { like: boolean; negated: boolean; ignoreCase: boolean }> = {
  StringEquals: { like: false, negated: false, ignoreCase: false },
  StringNotEquals: { like: false, negated: true, ignoreCase: false },
  StringEqualsIgnoreCase: { like: false, negated: false, ignoreCase: true },
  StringNotEqualsIgnoreCase: { like: false, negated: true, ignoreCase: true },
  StringLike: { like: true, negated: false, ignoreCase: false },
  StringNotLike: { like: true, negated: true, ignoreCase: false },
};

function vpcCondition(condition: PolicyCondition, context: OssRequestContext): Match {
  const operator = STRING_OPERATORS[condition.operator];
  if (!operator) return { kind: 'open', why: `operator ${condition.operator} on ${condition.key} is not evaluated` };
  if (context.sourceVpc === undefined) return { kind: 'open', why: `${condition.key} needs the source VPC, which is not known` };
  const vpc = context.sourceVpc;
  // A request that is not from a VPC has no acs:SourceVpc: positive tests fail, negated ones hold (OSS's own "StringNotLike vpc-*" idiom).
  const listed =
    vpc !== null &&
    condition.values.some((value) =>
      operator.like ? globMatches(operator.ignoreCase ? value.toLowerCase() : value, operator.ignoreCase ? vpc.toLowerCase() : vpc) : operator.ignoreCase ? value.toLowerCase() === vpc.toLowerCase() : value === vpc,
    );
  const holds = operator.negated ? !listed : listed;
  const seen = vpc === null ? 'a request from outside any VPC (public endpoint)' : `VPC ${vpc}`;
  return holds ? yes : { kind: 'no', why: `${condition.operator} ${condition.key} [${condition.values.join(', ')}] does not hold for ${seen}` };
}

/** Condition keys the gate evaluates; any other key leaves the statement open. */
export const NETWORK_CONDITION_KEYS = ['acs:SourceIp', 'acs:SourceVpc'] as const;

function conditionMatch(condition: PolicyCondition, context: OssRequestContext): Match {
  switch (condition.key.toLowerCase()) {
    case 'acs:sourceip':
      return ipCondition(condition, context);
    case 'acs:sourcevpc':
      return vpcCondition(condition, context);
    default:
      return { kind: 'open', why: `condition ${condition.operator} ${condition.key} is not something the network path tells` };
  }
}

/** Whether `statement` applies to the request: principal, action, resource and every condition. */
export function statementMatch(statement: PolicyStatement, context: OssRequestContext): Match {
  return allOf([
    actionMatch(statement, context.action),
    resourceMatch(statement, context),
    ...statement.conditions.map((condition) => conditionMatch(condition, context)),
    principalMatch(statement),
  ]);
}

/** True when every condition of the statement is on the network (source address or VPC): then it binds whoever signs. */
export function hasOnlyNetworkConditions(statement: PolicyStatement): boolean {
  return statement.conditions.length > 0 && statement.conditions.every((condition) => ['acs:sourceip', 'acs:sourcevpc'].includes(condition.key.toLowerCase()));
}
