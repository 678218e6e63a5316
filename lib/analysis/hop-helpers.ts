/**
 * Small shared pieces of the cloud hop evaluators: hop constructors, fact lookups and
 * the wording of missing facts. Pure.
 */
import { messageOf, msg, textOf, type Message, type Text } from './message';
import type { Evidence, EvidenceTable, Fact, FactError, FactRef, Fix, Hop, HopKind, HopVerdict, PathContext, PathFacts } from './model';

/** Evidence with nothing in it. */
export function emptyEvidence(): Evidence {
  return { facts: [], decidedBy: null, tables: [], notes: [] };
}

/** Evidence as the hop evaluators write it: notes as English text or as messages. */
export type EvidenceInput = Partial<Omit<Evidence, 'notes'>> & { notes?: Text[] };

/** Notes as English text, and as messages index for index (the field only when one note is a message). */
export function notesOf(notes: Text[], known: Array<Message | null> = []): Pick<Evidence, 'notes' | 'noteMessages'> {
  const noteMessages = notes.map((note, index) => messageOf(note) ?? known[index] ?? null);
  return { notes: notes.map(textOf), ...(noteMessages.some((message) => message !== null) ? { noteMessages } : {}) };
}

/** The table with its title given as a message (the English title rendered from it). */
export function withTitle(table: EvidenceTable, title: Message): EvidenceTable {
  return { ...table, title: textOf(title), titleMessage: title };
}

/** The hop without its summary's message: for a caller about to reword the summary, which the message would no longer say. */
export function withoutSummaryMessage(hop: Hop): Hop {
  const copy = { ...hop };
  delete copy.summaryMessage;
  return copy;
}

/** Sentences joined with `; ` as English text; a single sentence stays as it was given (a message stays a message). */
export function joinTexts(texts: Text[], separator = '; '): Text {
  return texts.length === 1 && texts[0] !== undefined ? texts[0] : texts.map(textOf).join(separator);
}

/** Builds a hop; evidence and fixes default to empty, reason to null. A sentence given as a message keeps it beside its English text. */
export function makeHop(kind: HopKind, verdict: HopVerdict, summary: Text, options: { reason?: Text | null; evidence?: EvidenceInput; fixes?: Fix[] } = {}): Hop {
  const { notes = [], noteMessages, ...evidence } = options.evidence ?? {};
  const reason = options.reason ?? null;
  const summaryMessage = messageOf(summary);
  const reasonMessage = reason === null ? undefined : messageOf(reason);
  return {
    kind,
    verdict,
    summary: textOf(summary),
    ...(summaryMessage ? { summaryMessage } : {}),
    reason: reason === null ? null : textOf(reason),
    ...(reasonMessage ? { reasonMessage } : {}),
    evidence: { ...emptyEvidence(), ...evidence, ...notesOf(notes, noteMessages) },
    fixes: options.fixes ?? [],
  };
}

/** A hop that does not apply to this path. */
export function skipHop(kind: HopKind, reason: Text, evidence: EvidenceInput = {}): Hop {
  const summary = typeof reason === 'string' ? `Not applicable: ${reason}` : msg('analysis.hop.notApplicable', { reason });
  return makeHop(kind, 'skip', summary, { reason, evidence });
}

/** A hop that cannot be decided; `reason` says which fact is missing and why. */
export function unknownHop(kind: HopKind, reason: Text, evidence: EvidenceInput = {}): Hop {
  const summary = typeof reason === 'string' ? `Cannot tell: ${reason}` : msg('analysis.hop.cannotTell', { reason });
  return makeHop(kind, 'unknown', summary, { reason, evidence });
}

/** "Forbidden.RAM on DescribeDBInstanceIPArrayList rm-1: …" — the wording of a missing fact. */
export function describeFactError(error: FactError): string {
  const code = error.code ?? error.reason;
  return `${code} on ${error.resource}: ${error.message}`;
}

/** Unwraps a fact: the value, or the hop that says why it is missing. */
export function readFact<T>(kind: HopKind, fact: Fact<T>): { ok: true; value: T } | { ok: false; hop: Hop } {
  if (fact.kind === 'ok') return { ok: true, value: fact.value };
  return { ok: false, hop: unknownHop(kind, describeFactError(fact.error)) };
}

/** Shorthand for a FactRef. */
export function ref(kind: string, id: string, label: string = id): FactRef {
  return { kind, id, label };
}

/** The region fixes are issued in, null when unknown. */
export function regionOf(facts: PathFacts): string | null {
  return facts.cluster.cluster.region;
}

/** Verdict order for combining sub-results: block > unknown > warn > pass > skip. */
const SEVERITY: Record<HopVerdict, number> = { skip: 0, pass: 1, warn: 2, unknown: 3, block: 4 };

/** The most severe of several verdicts (skip when empty). */
export function worstVerdict(verdicts: HopVerdict[]): HopVerdict {
  return verdicts.reduce<HopVerdict>((worst, verdict) => (SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst), 'skip');
}

/**
 * The destination addresses packets actually carry once they leave the source ENI:
 * for Services of this cluster (ClusterIP or a LoadBalancer ingress address that kube-proxy
 * short-circuits) the ready backend pod IPs when known; otherwise the resolved addresses'
 * first entry. Empty when nothing resolved.
 */
export function packetDestinations(facts: PathFacts, path: PathContext): string[] {
  const destination = path.destination;
  const first = destination.addresses[0];
  if (first === undefined) return [];
  if (destination.kind !== 'clusterService' && destination.kind !== 'clusterLoadBalancer') return [first];
  const backends = serviceBackends(facts, destination.resourceId);
  return backends.length > 0 ? backends : [first];
}

/** Ready endpoint addresses of the Service `namespace/name`, empty when unknown. */
export function serviceBackends(facts: PathFacts, serviceId: string | null): string[] {
  const slices = facts.cluster.endpointSlices;
  if (serviceId === null || slices.kind !== 'ok') return [];
  const [namespace, name] = serviceId.split('/');
  const addresses = slices.value
    .filter((slice) => slice.namespace === namespace && slice.serviceName === name)
    .flatMap((slice) => slice.endpoints.filter((endpoint) => endpoint.ready).flatMap((endpoint) => endpoint.addresses));
  return [...new Set(addresses)];
}
