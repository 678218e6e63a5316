/**
 * Hop `bucketPolicy`: whether OSS lets the pod's requests into the bucket its destination
 * names — the endpoint (an internal endpoint answers its own region only; a bucket answers
 * only at its own region's endpoint), then the bucket policy (an explicit Deny first, then an
 * Allow), then the bucket ACL. Pure. Semantics and sources: docs/gates/oss-bucket-policy.md.
 */
import { describeFactError, makeHop, ref, skipHop, unknownHop, withTitle } from '@/lib/analysis/hop-helpers';
import { msg, textOf, type Message, type Text } from '@/lib/analysis/message';
import type { EvidenceTable, FactBasis, Fix, Hop, PathContext, PathFacts } from '@/lib/analysis/model';

import { ossEndpointHost } from './endpoint';
import type { BucketAcl, BucketFacts, BucketPolicy, OssEndpoint, PolicyStatement } from './facts';
import { allowStatement, endpointFix, putPolicyFix, respectDenyFix, withStatement } from './fixes';
import { sourceSeenByOss } from './source-seen';
import { hasOnlyNetworkConditions, statementMatch, type Match, type OssRequestContext } from './statement-match';

/** The requests the hop decides on: reading objects decides; writing is evaluated and noted. */
const READ = 'oss:GetObject';
const WRITE = 'oss:PutObject';

/** What the policy and ACL say about one action. */
type Outcome =
  | { kind: 'denied'; statement: PolicyStatement; index: number }
  | { kind: 'granted'; by: Message; index: number | null }
  | { kind: 'open'; why: string; index: number | null }
  /** Nothing in the policy or ACL grants everyone: only the pod's own identity could. */
  | { kind: 'identity' };

function decide(policy: BucketPolicy | null, acl: BucketAcl | null, context: OssRequestContext): { outcome: Outcome; matches: Match[]; aclNeeded: boolean } {
  const statements = policy?.statements ?? [];
  const matches = statements.map((statement) => statementMatch(statement, context));
  const at = (effect: 'Allow' | 'Deny', kind: Match['kind']) => statements.findIndex((statement, index) => statement.effect === effect && matches[index]?.kind === kind);
  const denied = at('Deny', 'yes');
  const deniedStatement = statements[denied];
  if (deniedStatement) return { outcome: { kind: 'denied', statement: deniedStatement, index: denied }, matches, aclNeeded: false };
  const maybeDenied = at('Deny', 'open');
  const maybe = matches[maybeDenied];
  if (maybe?.kind === 'open') return { outcome: { kind: 'open', why: `Deny ${statements[maybeDenied]?.sid ?? ''} may apply: ${maybe.why}`, index: maybeDenied }, matches, aclNeeded: false };
  const allowed = at('Allow', 'yes');
  if (allowed !== -1) return { outcome: { kind: 'granted', by: msg('analysis.bucketPolicy.byStatement', { sid: statements[allowed]?.sid ?? '' }), index: allowed }, matches, aclNeeded: false };
  if (acl === 'public-read-write' || (acl === 'public-read' && context.action === READ)) return { outcome: { kind: 'granted', by: msg('analysis.bucketPolicy.byAcl', { acl }), index: null }, matches, aclNeeded: true };
  const maybeAllowed = at('Allow', 'open');
  const open = matches[maybeAllowed];
  if (open?.kind === 'open') return { outcome: { kind: 'open', why: `Allow ${statements[maybeAllowed]?.sid ?? ''} may grant it: ${open.why}`, index: maybeAllowed }, matches, aclNeeded: true };
  return { outcome: { kind: 'identity' }, matches, aclNeeded: true };
}

function conditionText(statement: PolicyStatement): string {
  return statement.conditions.map((condition) => `${condition.operator} ${condition.key} [${condition.values.join(', ')}]`).join('; ') || '—';
}

function statementsTable(bucket: string, policy: BucketPolicy, read: Match[], write: Match[], decidingRow: number | null): EvidenceTable {
  const cell = (match: Match | undefined) => (match === undefined ? '—' : match.kind === 'yes' ? 'applies' : `${match.kind === 'no' ? 'does not apply' : 'open'}: ${match.why}`);
  return withTitle({
    title: '',
    columns: ['statement', 'effect', 'principal', 'actions', 'condition', READ, WRITE],
    rows: policy.statements.map((statement, index) => [
      statement.sid,
      statement.effect,
      statement.principals.join(', ') || '—',
      (statement.actions.length > 0 ? statement.actions : statement.notActions.map((action) => `not ${action}`)).join(', '),
      conditionText(statement),
      cell(read[index]),
      cell(write[index]),
    ]),
    decidingRow,
  }, msg('analysis.bucketPolicy.tableTitle', { bucket }));
}

/** What OSS sees of the request: its source address and VPC (`OSS sees SNAT EIP 203.0.113.100, from no VPC`). */
function seenMessage(context: OssRequestContext): Message {
  const { sourceIp, sourceVpc } = context;
  const ip = sourceIp.kind === 'known' ? msg('analysis.bucketPolicy.seenAddress', { what: sourceIp.what, addresses: sourceIp.addresses.join(', ') }) : msg('analysis.bucketPolicy.seenAddressUnknown', { why: sourceIp.why });
  const vpc = sourceVpc === null ? msg('analysis.bucketPolicy.seenNoVpc') : sourceVpc === undefined ? msg('analysis.bucketPolicy.seenVpcUnknown') : msg('analysis.bucketPolicy.seenVpc', { vpc: sourceVpc });
  return msg('analysis.bucketPolicy.seen', { ip, vpc });
}

function seenText(context: OssRequestContext): string {
  return textOf(seenMessage(context));
}

/** The facts the verdict rests on, read or not. */
function basisOf(bucket: BucketFacts, parts: { info: boolean; policy: boolean; acl: boolean }): FactBasis[] {
  const { bucket: name } = bucket.endpoint;
  const entry = (fact: string, neededFor: string, read: BucketFacts['info'] | BucketFacts['policy'] | BucketFacts['acl']): FactBasis => ({ fact: `${fact} ${name}`, neededFor, error: read.kind === 'missing' ? read.error : null });
  return [
    ...(parts.info ? [entry('GetBucketInfo', `whether ${name} exists in ${bucket.endpoint.region}`, bucket.info)] : []),
    ...(parts.policy ? [entry('GetBucketPolicy', `whether the policy of ${name} denies or allows the pod`, bucket.policy)] : []),
    ...(parts.acl ? [entry('GetBucketAcl', `whether the ACL of ${name} grants what no policy statement does`, bucket.acl)] : []),
  ];
}

function denyFixes(endpoint: OssEndpoint, statement: PolicyStatement, context: OssRequestContext, sameRegion: boolean, policy: BucketPolicy, ownerId: string | null, sourceVpc: string | null): Fix[] {
  const control = ref('bucketPolicyStatement', `${endpoint.bucket}/${statement.sid}`, `Deny statement ${statement.sid} of ${endpoint.bucket}`);
  const onIp = statement.conditions.some((condition) => condition.key.toLowerCase() === 'acs:sourceip');
  const way =
    !endpoint.internal && onIp && sameRegion
      ? `Use the internal endpoint ${endpoint.bucket}.${ossEndpointHost(endpoint.region, true)}: OSS then sees the pod's private address from its VPC, which is what such a policy usually admits.`
      : `Run the workload where the policy admits it (${conditionText(statement)}), or read the bucket through a service that runs there.`;
  const addresses = context.sourceIp.kind === 'known' ? context.sourceIp.addresses : [];
  const allow = allowStatement(endpoint, ownerId, { vpcId: sourceVpc, addresses });
  return [
    respectDenyFix(endpoint.bucket, control, way),
    putPolicyFix({
      id: 'bucketPolicy-amend-deny',
      title: `Exempt ${endpoint.internal ? sourceVpc ?? 'the pod VPC' : addresses.join(', ')} in ${endpoint.bucket}'s policy`,
      description: `Change Deny ${statement.sid} so it no longer matches this source (add it to the statement's Not… list, or remove the statement), and add the Allow statement below. The document below only adds the Allow: edit ${statement.sid} in it before you put it.`,
      risk: `Weakens a deliberate Deny of the bucket owner: every workload that leaves the same way (${seenText(context)}) gets in.`,
      bucket: endpoint.bucket,
      document: withStatement(policy, allow),
      exception: { blastRadius: `every request to ${endpoint.bucket} ${endpoint.internal ? `from ${sourceVpc ?? 'the VPC'}` : `from ${addresses.join(', ') || 'the public address'}`}, whoever signs it` },
    }),
  ];
}

/** The endpoint checks: same region for an internal endpoint, the bucket's own region, the bucket exists. */
function endpointHop(bucket: BucketFacts, sourceRegion: string | null): Hop | null {
  const { endpoint } = bucket;
  const facts = [ref('ossBucket', endpoint.bucket, `OSS bucket ${endpoint.bucket}`)];
  if (endpoint.internal && sourceRegion === null) return unknownHop('bucketPolicy', msg('analysis.bucketPolicy.regionUnknown', { host: ossEndpointHost(endpoint.region, true), region: endpoint.region }), { facts });
  if (endpoint.internal && sourceRegion !== null && sourceRegion !== endpoint.region) {
    return makeHop('bucketPolicy', 'block', msg('analysis.bucketPolicy.internalOtherRegion', { region: endpoint.region, sourceRegion }), {
      evidence: { facts, notes: [`${ossEndpointHost(endpoint.region, true)} is reachable only from VPCs (and ECS instances) in ${endpoint.region}; the pod runs in ${sourceRegion}.`] },
      fixes: [endpointFix(endpoint.bucket, `The pod is in ${sourceRegion}: reach the bucket on its public endpoint (through the NAT gateway), or connect the VPCs (CEN) and use an endpoint of ${endpoint.region}.`, ossEndpointHost(endpoint.region, false))],
    });
  }
  if (bucket.info.kind === 'ok' && bucket.info.value === null) {
    return makeHop('bucketPolicy', 'block', msg('analysis.bucketPolicy.noSuchBucket', { bucket: endpoint.bucket }), { evidence: { facts, notes: ['Every request to it answers 404 NoSuchBucket: check the bucket name.'] } });
  }
  if (bucket.info.kind === 'ok' && bucket.info.value !== null && bucket.info.value.region !== endpoint.region) {
    const region = bucket.info.value.region;
    return makeHop('bucketPolicy', 'block', msg('analysis.bucketPolicy.bucketOtherRegion', { bucket: endpoint.bucket, region, endpointRegion: endpoint.region }), {
      evidence: { facts, notes: [`A bucket answers only at the endpoints of its own region (${ossEndpointHost(region, false)}, ${ossEndpointHost(region, true)}).`] },
      fixes: [endpointFix(endpoint.bucket, `${endpoint.bucket} lives in ${region}.`, ossEndpointHost(region, endpoint.internal && sourceRegion === region))],
    });
  }
  return null;
}

/**
 * The bucketPolicy hop of `bucket` (null when the destination is no OSS endpoint: skip).
 * An explicit Deny that applies blocks whoever signs; an Allow to everyone (`*`) whose
 * conditions hold, or a public ACL, passes; where only the pod's own identity could decide
 * (an Allow naming principals, no grant at all) the hop is `unknown` and says so.
 */
export function evaluateBucketPolicy(bucket: BucketFacts | null, facts: PathFacts, path: PathContext): Hop {
  if (bucket === null) return skipHop('bucketPolicy', msg('analysis.bucketPolicy.notOssEndpoint'));
  const { endpoint } = bucket;
  const sourceRegion = facts.cluster.cluster.region;
  const early = endpointHop(bucket, sourceRegion);
  if (early) return { ...early, basis: basisOf(bucket, { info: true, policy: false, acl: false }) };
  if (bucket.policy.kind === 'missing') return { ...unknownHop('bucketPolicy', describeFactError(bucket.policy.error)), basis: basisOf(bucket, { info: true, policy: true, acl: false }) };
  const policy = bucket.policy.value;
  const info = bucket.info.kind === 'ok' ? bucket.info.value : null;
  const acl = bucket.acl.kind === 'ok' ? bucket.acl.value : null;
  const seen = sourceSeenByOss(facts, path, endpoint.internal);
  const context = (action: string): OssRequestContext => ({ bucket: endpoint.bucket, region: info?.region ?? endpoint.region, ownerId: info?.ownerId ?? null, objectKey: endpoint.objectKey, action, ...seen });
  const read = decide(policy, acl, context(READ));
  const write = decide(policy, acl, context(WRITE));
  const bucketRef = ref('ossBucket', endpoint.bucket, `OSS bucket ${endpoint.bucket}`);
  const decidingRow = 'index' in read.outcome ? read.outcome.index : null;
  const tables = policy ? [statementsTable(endpoint.bucket, policy, read.matches, write.matches, decidingRow)] : [];
  const notes: Text[] = [
    msg('analysis.bucketPolicy.seenNote', { seen: seenMessage(context(READ)), internal: endpoint.internal ? 'yes' : 'no' }),
    ...(policy ? [] : [msg('analysis.bucketPolicy.noPolicy')]),
    ...(acl ? [msg('analysis.bucketPolicy.aclNote', { acl })] : []),
  ];
  const evidence = { facts: [bucketRef], tables, notes };
  const basis = basisOf(bucket, { info: read.outcome.kind !== 'denied', policy: true, acl: read.aclNeeded });
  const outcome = read.outcome;
  switch (outcome.kind) {
    case 'denied': {
      const statement = outcome.statement;
      const control = ref('bucketPolicyStatement', `${endpoint.bucket}/${statement.sid}`, `Deny statement ${statement.sid} of ${endpoint.bucket}`);
      const bindsWhoever = hasOnlyNetworkConditions(statement) && statement.principals.includes('*');
      return {
        ...makeHop('bucketPolicy', 'block', msg('analysis.bucketPolicy.denied', { bucket: endpoint.bucket, sid: statement.sid, condition: conditionText(statement), seen: seenMessage(context(READ)) }), {
          evidence: { ...evidence, decidedBy: control, notes: [...notes, msg(bindsWhoever ? 'analysis.bucketPolicy.denyWinsWhoever' : 'analysis.bucketPolicy.denyWins')], intent: { control, signal: 'namedDeny', says: `Effect Deny, ${conditionText(statement)}` } },
          fixes: policy ? denyFixes(endpoint, statement, context(READ), sourceRegion === endpoint.region, policy, info?.ownerId ?? null, path.source.vpcId) : [],
        }),
        basis,
      };
    }
    case 'granted': {
      const writeNote = write.outcome.kind === 'granted' ? [] : [`${WRITE} is not granted the same way (${write.outcome.kind === 'denied' ? `Deny ${write.outcome.statement.sid}` : write.outcome.kind === 'open' ? write.outcome.why : 'only the pod identity could grant it'}): uploads may fail.`];
      return {
        ...makeHop('bucketPolicy', writeNote.length > 0 ? 'warn' : 'pass', msg('analysis.bucketPolicy.admitted', { bucket: endpoint.bucket, by: outcome.by, seen: seenMessage(context(READ)) }), {
          evidence: { ...evidence, notes: [...notes, ...writeNote], decidedBy: outcome.index === null ? bucketRef : ref('bucketPolicyStatement', `${endpoint.bucket}/${policy?.statements[outcome.index]?.sid ?? ''}`, textOf(outcome.by)) },
        }),
        basis,
      };
    }
    case 'open':
      return { ...unknownHop('bucketPolicy', outcome.why, { ...evidence, notes: [...notes, msg('analysis.bucketPolicy.openNote')] }), basis };
    case 'identity':
      return {
        ...unknownHop(
          'bucketPolicy',
          acl === null ? msg('analysis.bucketPolicy.identity', { bucket: endpoint.bucket }) : msg('analysis.bucketPolicy.identityWithAcl', { bucket: endpoint.bucket, acl }),
          { ...evidence, notes: [...notes, msg('analysis.bucketPolicy.identityNote')] },
        ),
        fixes: [
          putPolicyFix({
            id: 'bucketPolicy-allow-source',
            title: `Allow ${endpoint.internal ? path.source.vpcId ?? 'the pod VPC' : 'the public address'} in ${endpoint.bucket}'s policy`,
            description: 'Only if the pod should read the bucket without its own RAM permission: the statement below grants object reads and writes to requests from this source.',
            risk: 'Grants every request from this source, signed or not (Principal *).',
            bucket: endpoint.bucket,
            document: withStatement(policy, allowStatement(endpoint, info?.ownerId ?? null, { vpcId: path.source.vpcId, addresses: seen.sourceIp.kind === 'known' ? seen.sourceIp.addresses : [] })),
          }),
        ],
        basis,
      };
    default: {
      const exhaustive: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(exhaustive)}`);
    }
  }
}
