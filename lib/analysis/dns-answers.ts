/**
 * Judging the answers to the names the pod's resolver tried (in order): the first answer
 * with addresses wins; NXDOMAIN for every name blocks; timeouts leave it unknown. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { privateZoneFinding, unaskedFinding } from './dns-private-zone-finding';
import { finding, type DnsFinding } from './dns-reachability';
import { CLUSTER_RECORDS_ANSWERER } from './dns-cluster-records';
import { describeFactError } from './hop-helpers';
import { english, msg, type Message } from './message';
import type { DnsAnswer, EvidenceTable, Fact, FactRef, Service } from './model';

const resolves = (answer: DnsAnswer): boolean => answer.rcode === 'NOERROR' && answer.addresses.length > 0;

const NAMES_TITLE = msg('analysis.dns.namesTableTitle');

/** Who answered, for a sentence: the cluster's own records as a message, a server by its address. */
function answeredByText(answeredBy: string): string | Message {
  return answeredBy === CLUSTER_RECORDS_ANSWERER ? msg('analysis.dns.clusterRecords') : answeredBy;
}

/** The table of names tried, the deciding row being the name that resolved. */
export function namesTable(answers: DnsAnswer[]): EvidenceTable {
  const index = answers.findIndex(resolves);
  return {
    title: english(NAMES_TITLE),
    titleMessage: NAMES_TITLE,
    columns: ['#', 'Name', 'Answered by', 'Rcode', 'Addresses', 'Via'],
    rows: answers.map((answer, i) => [
      String(i + 1),
      answer.name,
      answer.answeredBy,
      answer.rcode,
      [...answer.cnames.map((cname) => `CNAME ${cname}`), ...answer.addresses].join(', ') || '—',
      answer.path?.join(' → ') || '—',
    ]),
    decidingRow: index === -1 ? null : index,
  };
}

function nxdomainSteps(host: string, answers: DnsAnswer[], services: Service[], clusterDomain: string): string[] {
  const bare = host.replace(/\.$/, '');
  const steps = [`Check the spelling of ${bare}: every name the resolver tried answered NXDOMAIN.`];
  const firstLabel = bare.split('.')[0] ?? bare;
  const elsewhere = services.filter((service) => service.name === firstLabel);
  for (const service of elsewhere) {
    steps.push(`A Service ${service.name} exists in namespace ${service.namespace}: use ${service.name}.${service.namespace} or ${service.name}.${service.namespace}.svc.${clusterDomain}.`);
  }
  if (!bare.endsWith(`.${clusterDomain}`) && elsewhere.length === 0) {
    steps.push(`Check that the record exists where ${bare} is served (public DNS, or a PrivateZone attached to the VPC), e.g. dig ${bare} @100.100.2.136 from a node.`);
  }
  if (answers.length > 1 && !host.endsWith('.')) {
    steps.push(`If ${bare} is a full name, write it as ${bare}. (with a trailing dot) so the resolver skips the ${answers.length - 1} search-list expansions.`);
  }
  return steps;
}

/** An alias whose chain ends nowhere: a loop, or a last name with no address (NXDOMAIN or no A/AAAA record). */
function isCnameDeadEnd(answer: DnsAnswer): boolean {
  return answer.cnames.length > 0 && answer.addresses.length === 0 && (answer.rcode === 'NOERROR' || answer.rcode === 'NXDOMAIN');
}

/** How a CNAME chain ends: `loops` when its last target is a name already in the chain. */
export function describeCnameChain(answer: Pick<DnsAnswer, 'name' | 'cnames' | 'rcode'>): { chain: string; loops: boolean; last: string } {
  const last = answer.cnames.at(-1) ?? answer.name;
  const loops = [answer.name, ...answer.cnames.slice(0, -1)].includes(last);
  return { chain: [answer.name, ...answer.cnames].join(' → '), loops, last };
}

function cnameDeadEndFinding(answer: DnsAnswer, facts: FactRef[]): DnsFinding {
  const { chain, loops, last } = describeCnameChain(answer);
  const why = loops ? `the CNAME chain ${chain} loops` : `the CNAME chain ${chain} ends at ${last}, which has no address (${answer.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : 'no A or AAAA record'})`;
  return finding('block', `${answer.name} does not resolve: ${why}`, {
    decidedBy: { kind: 'dnsName', id: answer.name, label: answer.name },
    facts,
    fixes: [
      manualFix({
        id: 'dns-cname-dead-end',
        title: `Fix the alias chain of ${answer.name}`,
        description: loops ? `The CNAME records of ${answer.name} point back at each other; no resolver can get an address from them.` : `${answer.name} is an alias of ${last}, which has no address record.`,
        risk: 'Low: a DNS record change; clients pick it up when the cached answer expires (its TTL).',
        target: { kind: 'dnsName', id: last, label: last },
        steps: [
          `Look at the chain as the pod's resolver sees it: dig +trace ${answer.name} (or dig ${answer.name} @100.100.2.136 from a node).`,
          loops ? `Point one of the CNAME records in ${chain} at a name with an A record, breaking the loop.` : `Add the A (or AAAA) record for ${last}, or point the CNAME of the name before it at a name that has one.`,
        ],
      }),
    ],
  });
}

/**
 * The finding for the names tried: `pass` when one resolved, `block` when every name was
 * NXDOMAIN or empty (a manual fix lists what to check) or the server failed (SERVFAIL,
 * REFUSED) or an alias chain ended nowhere (a loop, a name without address), `unknown` on
 * timeouts or missing answers.
 */
export function answersFinding(host: string, fact: Fact<DnsAnswer[]>, services: Service[], clusterDomain: string): DnsFinding {
  if (fact.kind === 'missing') return finding('unknown', `The name could not be looked up: ${describeFactError(fact.error)}`);
  const answers = fact.value;
  const facts = answers.map((answer) => ({ kind: 'dnsName', id: answer.name, label: `${answer.name} (${answer.rcode})` }));
  const bare = host.replace(/\.$/, '');
  const resolved = answers.find(resolves);
  // NOTE: a name tried before the one that resolved but not asked as the pod asks could have answered first.
  const unasked = unaskedFinding(resolved ? answers.slice(0, answers.indexOf(resolved)) : answers, facts);
  if (unasked) return unasked;
  if (resolved) {
    const position = answers.indexOf(resolved) + 1;
    const notes = resolved.name === bare ? [] : [`${bare} resolved as ${resolved.name} through the search list.`];
    const summary = msg('analysis.dns.resolves', { host: bare, addresses: resolved.addresses.join(', '), position: String(position), tried: String(answers.length), answeredBy: answeredByText(resolved.answeredBy) });
    return finding('pass', summary, { decidedBy: { kind: 'dnsName', id: resolved.name, label: resolved.name }, facts, notes });
  }
  if (answers.length === 0) return finding('unknown', `No name was looked up for ${bare}`);
  if (answers.some((answer) => answer.rcode === 'TIMEOUT')) return finding('unknown', `The DNS server did not answer for ${bare} (timeout)`, { facts });
  const deadEnd = answers.find(isCnameDeadEnd);
  if (deadEnd) return cnameDeadEndFinding(deadEnd, facts);
  const failure = answers.find((answer) => answer.rcode === 'SERVFAIL' || answer.rcode === 'REFUSED');
  if (failure) {
    return finding('block', `${bare} does not resolve: ${failure.answeredBy} answered ${failure.rcode} for ${failure.name}`, {
      facts,
      fixes: [
        manualFix({
          id: 'dns-server-failure',
          title: `Find out why the DNS server answers ${failure.rcode}`,
          description: `${failure.answeredBy} answered ${failure.rcode} for ${failure.name}; the pod cannot resolve ${bare}.`,
          risk: 'None: read-only checks.',
          target: { kind: 'dnsName', id: failure.name, label: failure.name },
          steps: ['Read the CoreDNS logs: kubectl -n kube-system logs -l k8s-app=kube-dns', 'Check the forward/upstream settings in the coredns ConfigMap and that the upstream (VPC DNS 100.100.2.136/138) answers.'],
        }),
      ],
    });
  }
  const privateZone = privateZoneFinding(host, answers, facts);
  if (privateZone) return privateZone;
  const allNx = answers.every((answer) => answer.rcode === 'NXDOMAIN');
  const what = allNx ? 'NXDOMAIN' : 'NXDOMAIN or no address';
  return finding('block', `${bare} does not resolve: ${what} for all ${answers.length} name${answers.length === 1 ? '' : 's'} tried`, {
    facts,
    fixes: [
      manualFix({
        id: 'dns-check-name',
        title: `Check the name ${bare} and its DNS record`,
        description: `No name the resolver tried for ${bare} has an address.`,
        risk: 'None: read-only checks, then a change to the name the application uses or to the DNS record.',
        target: { kind: 'dnsName', id: bare, label: bare },
        steps: nxdomainSteps(host, answers, services, clusterDomain),
      }),
    ],
  });
}
