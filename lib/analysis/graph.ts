/**
 * The path graph: what the diagnosis page draws, as plain data (ids, kinds, labels,
 * verdicts). No React, no icons, no positions: components/path-graph maps it to visuals
 * and lays it out.
 *
 * Shape: `source → hop → hop → … → destination`, one node per applicable hop in path
 * order (the path of the address the diagnosis shows: see `shownAddress`); when the
 * destination resolved to several addresses, `destination` fans out into one `address` node
 * per address (the branches), each with its own verdict, or neutral when not evaluated. Building is O(h log h + a) for h hops and
 * a addresses (one stable sort of at most 8 hops, one pass over each list).
 */
import { addressNodeSummary, NOT_EVALUATED, shownAddress } from './address-summary';
import { HOP_LABELS, HOP_ORDER } from './hop-order';
import { english, type Message } from './message';
import type { AddressResult, Diagnosis, HopKind, HopVerdict, ResolvedDestination, ResolvedSource, Verdict } from './model';

/** Path order of the hops and their labels (gates included): see hop-order.ts. */
export { HOP_LABELS, HOP_ORDER } from './hop-order';

/**
 * The verdict a node shows. Hops carry their own verdict; the source is always `pass`
 * (it only emits); the destination and its addresses carry the overall verdict mapped onto
 * the hop scale (reachable → pass, blocked → block, unknown → unknown).
 */
export type NodeVerdict = HopVerdict;

/** The source pod. Id `source`. */
export interface SourceNode {
  kind: 'source';
  id: 'source';
  /** `namespace/pod`. */
  label: string;
  /** One line: the address the network sees and the network mode, e.g. `10.0.1.23 · VPC (ENI)`. */
  summary: string;
  verdict: 'pass';
}

/** One hop of the path. Id = the hop kind (`dns`, `securityGroup`, …), unique per diagnosis. */
export interface HopNode {
  kind: 'hop';
  id: HopKind;
  hop: HopKind;
  /** Human label of the hop kind (`HOP_LABELS`). */
  label: string;
  /** The hop's one-line summary. */
  summary: string;
  /** The summary as a message, when the hop has one (rendered in the page's language). */
  summaryMessage?: Message;
  /** Why, for `skip` and `unknown` hops; null otherwise. */
  reason: string | null;
  verdict: HopVerdict;
  /** True for the first blocking hop of the path (the one the banner names). */
  blocking: boolean;
  /** Position in path order among the nodes shown (0 = first hop after the source). */
  index: number;
}

/** The destination as asked and classified. Id `destination`. */
export interface DestinationNode {
  kind: 'destination';
  id: 'destination';
  /** The host as typed, with port and protocol, e.g. `api.example.com:443/tcp`. */
  label: string;
  /** One line: the classification and the address when there is one, e.g. `Internet · 203.0.113.7`. */
  summary: string;
  verdict: NodeVerdict;
}

/** One resolved address of the destination, shown only when there are several. Id `address-<ip>`. */
export interface AddressNode {
  kind: 'address';
  id: `address-${string}`;
  /** The IP address. */
  label: string;
  /** The address's own outcome (`blocked at Security group`, `reachable`), or `not evaluated`. */
  summary: string;
  /** The summary as a message (rendered in the page's language); none for a diagnosis saved before addresses were evaluated. */
  summaryMessage?: Message;
  /** True for the address whose path the hop nodes show. */
  primary: boolean;
  /** False for an address beyond the evaluation bound: drawn neutral (`skip`), never coloured as checked. */
  evaluated: boolean;
  /** The address's own verdict on the node scale; `skip` when not evaluated. */
  verdict: NodeVerdict;
}

export type PathNode = SourceNode | HopNode | DestinationNode | AddressNode;
export type PathNodeKind = PathNode['kind'];

/** A directed edge between two shown nodes. Id `<from>-<to>` (the test id is `edge-<id>`). */
export interface PathEdge {
  id: string;
  from: string;
  to: string;
  /** The verdict of the node the edge leaves: a `block` edge leaves the blocking hop. */
  verdict: NodeVerdict;
  /** True when traffic never travels this edge: it leaves a blocking hop, or lies after one. */
  afterBlock: boolean;
}

export interface PathGraph {
  /** Source first, then hops in path order, then the destination, then its addresses. */
  nodes: PathNode[];
  /** The chain in order, then the destination's fan-out edges. */
  edges: PathEdge[];
  /** Hops with verdict `skip` in the diagnosis (shown or not), for the "Show skipped hops (N)" toggle. */
  skippedCount: number;
}

/** What the graph reads of a diagnosis; both the domain `Diagnosis` and the browser's parsed view satisfy it. */
export interface PathGraphInput {
  request: Pick<Diagnosis['request'], 'namespace' | 'pod' | 'host' | 'port' | 'protocol'>;
  source: Pick<ResolvedSource, 'sourceAddress' | 'podIp' | 'networkMode'>;
  destination: Pick<ResolvedDestination, 'kind' | 'addresses' | 'label'>;
  hops: ReadonlyArray<Pick<Diagnosis['hops'][number], 'kind' | 'verdict' | 'summary' | 'summaryMessage' | 'reason'>>;
  verdict: Verdict;
  blockingHop: HopKind | null;
  /** Each evaluated address's result; absent in diagnoses saved before (they evaluated the first address only). */
  addresses?: ReadonlyArray<Pick<AddressResult, 'address' | 'verdict' | 'blockingHop'> & { hops?: ReadonlyArray<Pick<Diagnosis['hops'][number], 'kind' | 'verdict'>> }>;
}

export interface PathGraphOptions {
  /** Show hops whose verdict is `skip` (as muted nodes in the chain). */
  showSkipped: boolean;
}

/** Maps the overall verdict onto the node scale. */
export function toNodeVerdict(verdict: Verdict): NodeVerdict {
  switch (verdict) {
    case 'reachable':
      return 'pass';
    case 'blocked':
      return 'block';
    case 'unknown':
      return 'unknown';
    default: {
      const unreachable: never = verdict;
      throw new Error(`unhandled verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

const NETWORK_MODE_LABELS: Record<ResolvedSource['networkMode'], string> = { vpc: 'VPC (ENI)', flannel: 'Flannel (node IP)' };

function sourceNode(input: PathGraphInput): SourceNode {
  const address = input.source.sourceAddress ?? input.source.podIp ?? 'no IP';
  return {
    kind: 'source',
    id: 'source',
    label: `${input.request.namespace}/${input.request.pod}`,
    summary: `${address} · ${NETWORK_MODE_LABELS[input.source.networkMode]}`,
    verdict: 'pass',
  };
}

function destinationNode(input: PathGraphInput): DestinationNode {
  const { destination, request } = input;
  const first = destination.addresses[0];
  const extra = destination.addresses.length > 1 ? ` (+${destination.addresses.length - 1})` : '';
  return {
    kind: 'destination',
    id: 'destination',
    label: `${request.host}:${request.port}/${request.protocol}`,
    summary: first === undefined ? destination.label : `${destination.label} · ${first}${extra}`,
    verdict: toNodeVerdict(input.verdict),
  };
}

function hopNodes(input: PathGraphInput, showSkipped: boolean): HopNode[] {
  const rank = (kind: HopKind) => HOP_ORDER.indexOf(kind);
  const shown = input.hops.filter((hop) => showSkipped || hop.verdict !== 'skip').toSorted((a, b) => rank(a.kind) - rank(b.kind));
  return shown.map((hop, index) => ({
    kind: 'hop',
    id: hop.kind,
    hop: hop.kind,
    label: HOP_LABELS[hop.kind],
    summary: hop.summary,
    ...(hop.summaryMessage ? { summaryMessage: hop.summaryMessage } : {}),
    reason: hop.reason,
    verdict: hop.verdict,
    blocking: hop.kind === input.blockingHop,
    index,
  }));
}

function addressNodes(input: PathGraphInput): AddressNode[] {
  if (input.destination.addresses.length < 2) return [];
  const shown = shownAddress(input) ?? input.destination.addresses[0];
  return input.destination.addresses.map((address, index) => {
    const result = input.addresses?.find((item) => item.address === address);
    // Saved before every address was evaluated: the first was, with the overall verdict.
    const legacyFirst = input.addresses === undefined && index === 0;
    const evaluated = result !== undefined || legacyFirst;
    const summary = evaluated ? addressNodeSummary(result, input.hops) : NOT_EVALUATED;
    return {
      kind: 'address',
      id: `address-${address}`,
      label: address,
      summary: legacyFirst ? 'evaluated' : english(summary),
      ...(legacyFirst ? {} : { summaryMessage: summary }),
      primary: address === shown,
      evaluated,
      verdict: result ? toNodeVerdict(result.verdict) : legacyFirst ? toNodeVerdict(input.verdict) : 'skip',
    };
  });
}

/**
 * Builds the graph of a diagnosis: the source pod, the applicable hops in path order
 * (skipped ones only with `showSkipped`), the destination, and one branch per resolved
 * address when there are several. Chain edges take the verdict of the node they leave, and
 * every one from the first blocking hop on is `afterBlock`; a branch edge takes its address's
 * verdict (`afterBlock` when that address is blocked or was not evaluated).
 */
export function buildPathGraph(input: PathGraphInput, options: PathGraphOptions): PathGraph {
  const source = sourceNode(input);
  const hops = hopNodes(input, options.showSkipped);
  const destination = destinationNode(input);
  const addresses = addressNodes(input);
  const chain: PathNode[] = [source, ...hops, destination];

  let blocked = false;
  const edges: PathEdge[] = [];
  for (let index = 0; index < chain.length - 1; index += 1) {
    const from = chain[index];
    const to = chain[index + 1];
    if (from === undefined || to === undefined) continue;
    blocked ||= from.verdict === 'block';
    edges.push({ id: `${from.id}-${to.id}`, from: from.id, to: to.id, verdict: from.verdict, afterBlock: blocked });
  }
  // Each branch carries its own address's verdict: traffic reaches an address its own path lets through.
  for (const address of addresses) {
    edges.push({ id: `${destination.id}-${address.id}`, from: destination.id, to: address.id, verdict: address.verdict, afterBlock: address.verdict === 'block' || !address.evaluated });
  }

  return {
    nodes: [...chain, ...addresses],
    edges,
    skippedCount: input.hops.filter((hop) => hop.verdict === 'skip').length,
  };
}
