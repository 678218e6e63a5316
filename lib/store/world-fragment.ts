/**
 * A saved diagnosis's facts as a world file fragment (docs/world-format.md): a world the
 * sandbox can serve and the CLI's `--world` accepts, so the diagnosis can be re-evaluated
 * offline, diffed against a re-run, or attached to a bug report. Pure.
 *
 * It holds only what the facts hold, converted back to the wire shapes the adapters read:
 * no credentials, tokens, kubeconfig contents or environment values (see world-fragment-k8s.ts
 * for what is dropped from Kubernetes objects). Reads that failed become
 * `ram.deny` entries (forbidden cloud reads) or `faults` (every other failed read, Kubernetes
 * and DNS included), so the re-evaluation reads the same failures and also says `unknown`.
 */
import { CLUSTER_RECORDS_ANSWERER } from '@/lib/analysis/dns-cluster-records';
import { isIp } from '@/lib/analysis/ip';
import type { CloudFacts, Diagnosis, DnsAnswer, FactError, PathFacts } from '@/lib/analysis/model';
import { gateWorldSections } from '@/lib/gates/registry';
import { parse, stringify } from 'yaml';

import { worldSchema, type DnsRecord, type World, type WorldFaults } from '@/lib/schemas/world';

import { cloudFactsOf, toDenyList, toWorldCloud } from './world-fragment-cloud';
import { toWorldFaults, withFailedReadPlaceholders } from './world-fragment-faults';
import { toClusterObjects } from './world-fragment-k8s';

function cloudErrorsOf(cloud: CloudFacts): FactError[] {
  return cloudFactsOf(cloud).flatMap((fact) => (fact !== null && fact.kind === 'missing' ? [fact.error] : []));
}
/** The address the path went to: the request's IP, or the first address the name resolved to. */
function destinationAddressOf(facts: PathFacts): string | null {
  if (isIp(facts.request.host)) return facts.request.host;
  const answers = facts.dnsAnswers?.kind === 'ok' ? facts.dnsAnswers.value : [];
  return answers.find((answer) => answer.rcode === 'NOERROR' && answer.addresses.length > 0)?.addresses[0] ?? null;
}

const withFaults = (faults: WorldFaults | undefined): { faults?: WorldFaults } => (faults === undefined ? {} : { faults });

/** What a fragment is made from: the facts a diagnosis read and the diagnosis itself. */
export interface FragmentInput {
  facts: PathFacts;
  diagnosis: Pick<Diagnosis, 'id' | 'createdAt' | 'request' | 'verdict' | 'blockingHop' | 'source'>;
}

/** The scenario id of the saved request inside a fragment. */
export const FRAGMENT_SCENARIO_ID = 'saved-diagnosis';

/**
 * A world cluster name (lower-case letters, digits, dashes) for a kubeconfig context name,
 * which may hold anything (`kubernetes-admin@prod`): other characters become dashes.
 */
export function toWorldClusterName(context: string): string {
  const name = context.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return name === '' ? 'cluster' : name;
}

/** The records the upstream DNS server gave (cluster records come back from the Services). */
function toDnsRecords(answers: DnsAnswer[]): DnsRecord[] {
  const records = answers
    .filter((answer) => answer.answeredBy !== CLUSTER_RECORDS_ANSWERER && answer.rcode === 'NOERROR')
    .flatMap((answer) => {
      const chain = [answer.name, ...answer.cnames].map((name) => name.replace(/\.$/, ''));
      const cnames = chain.slice(1).map((target, index): DnsRecord => ({ name: chain[index] ?? answer.name, type: 'CNAME', value: target, ttl: 60 }));
      const last = chain.at(-1) ?? answer.name;
      const addresses = answer.addresses.map((address): DnsRecord => ({ name: last, type: address.includes(':') ? 'AAAA' : 'A', value: address, ttl: 60 }));
      return [...cnames, ...addresses];
    });
  return [...new Map(records.map((record) => [`${record.name.toLowerCase()} ${record.type} ${record.value}`, record])).values()];
}

/**
 * Converts the facts of one diagnosis into a world with one cluster, the cloud resources
 * the path read, the DNS records it resolved, `ram.deny` for cloud reads that failed, and
 * one scenario (`saved-diagnosis`) for the request with the saved verdict as `expect`.
 */
export function toWorldFragment(run: FragmentInput): World {
  const { facts, diagnosis } = run;
  const { cluster } = facts.cluster;
  const cloud = facts.cloud;
  const eni = (cloud.sourceEni.kind === 'ok' ? cloud.sourceEni.value : null) ?? (cloud.destinationEni.kind === 'ok' ? cloud.destinationEni.value : null);
  const vSwitch = cloud.vSwitches.kind === 'ok' ? cloud.vSwitches.value[0] : undefined;
  const vpcId = eni?.vpcId ?? vSwitch?.vpcId ?? diagnosis.source.vpcId ?? 'vpc-unknown';
  const region = cluster.region ?? 'unknown';
  const request = diagnosis.request;
  const clusterName = toWorldClusterName(cluster.name);
  const name = diagnosis.id ? `diagnosis-${diagnosis.id}` : 'diagnosis';
  const deny = toDenyList(cloud);
  const faults = toWorldFaults({ cluster: facts.cluster, clusterName, cloudErrors: cloudErrorsOf(cloud), dnsAnswers: facts.dnsAnswers });
  return {
    version: 1,
    name,
    description: `Facts read at ${facts.readAt} for ${request.namespace}/${request.pod} → ${request.destination} (port ${request.port}/${request.protocol}) in cluster ${request.cluster}.`,
    clusters: [{ name: clusterName, kind: cluster.kind, networkMode: cluster.networkMode, region, vpcId, objects: toClusterObjects(facts.cluster) }],
    cloud: withFailedReadPlaceholders({ ...toWorldCloud(cloud, region, vpcId), ...gateWorldSections(facts) }, { faults, deny }, destinationAddressOf(facts)),
    ram: { deny },
    dns: { records: facts.dnsAnswers?.kind === 'ok' ? toDnsRecords(facts.dnsAnswers.value) : [] },
    ...withFaults(faults),
    scenarios: [
      {
        id: FRAGMENT_SCENARIO_ID,
        title: `Saved diagnosis${diagnosis.id ? ` ${diagnosis.id}` : ''} taken ${diagnosis.createdAt}`,
        cluster: clusterName,
        namespace: request.namespace,
        pod: request.pod,
        destination: request.destination,
        port: request.port,
        protocol: request.protocol,
        expect: { verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop },
      },
    ],
  };
}

/** The fragment as a YAML world file, with a header saying what it is. */
export function formatWorldYaml(world: World): string {
  const header = [
    `# ${world.name}: the facts one diagnosis read, as a world file (docs/world-format.md).`,
    `# Re-evaluate it offline: npm run cli -- scenarios --world <this file>`,
    '',
  ].join('\n');
  return `${header}${stringify(world, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/**
 * Parses a stored fragment back into a world (schema only: the cross-references were
 * checked when it was made). Throws a ZodError or a YAML error when the text is not a world.
 */
export function parseWorldFragment(text: string): World {
  const data: unknown = parse(text, { schema: 'core' });
  return worldSchema.parse(data);
}
