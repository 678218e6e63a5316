import type { PathGraph } from '@/lib/analysis/graph';

/** `LR` on wide screens, `TB` (hops stacked) below 768px. */
export type LayoutDirection = 'LR' | 'TB';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 116;
const GAP_ALONG = 32;
const GAP_ACROSS = 20;
/** Space around the nodes inside the canvas (room for the blocking hop's ring). */
export const PADDING = 12;

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

function counts(graph: PathGraph): { chain: number; addresses: number } {
  const addresses = graph.nodes.filter((node) => node.kind === 'address').length;
  return { chain: graph.nodes.length - addresses, addresses };
}

/**
 * Size of the graph's box at scale 1, known with the diagnosis so the graph appears in the
 * same frame as the banner and nothing shifts: the chain runs along the direction, the
 * destination's addresses add one rank after it, side by side across.
 */
export function graphSize(graph: PathGraph, direction: LayoutDirection): { width: number; height: number } {
  const { chain, addresses } = counts(graph);
  const ranks = chain + (addresses > 0 ? 1 : 0);
  const along = (size: number) => ranks * size + (ranks - 1) * GAP_ALONG + 2 * PADDING;
  const across = (size: number) => Math.max(1, addresses) * size + (Math.max(1, addresses) - 1) * GAP_ACROSS + 2 * PADDING;
  return direction === 'LR' ? { width: along(NODE_WIDTH), height: across(NODE_HEIGHT) } : { width: across(NODE_WIDTH), height: along(NODE_HEIGHT) };
}

/**
 * The layout of a path: the chain on one line, the addresses side by side one rank after
 * the destination, the chain centred on them. O(n) and deterministic: a path is a chain
 * with one fan-out at its end, so a general layered layout (and its delay) buys nothing.
 */
export function layoutPath(graph: PathGraph, direction: LayoutDirection): Positions {
  const positions = new Map<string, { x: number; y: number }>();
  const chain = graph.nodes.filter((node) => node.kind !== 'address');
  const addresses = graph.nodes.filter((node) => node.kind === 'address');
  const step = (direction === 'LR' ? NODE_WIDTH : NODE_HEIGHT) + GAP_ALONG;
  const across = (direction === 'LR' ? NODE_HEIGHT : NODE_WIDTH) + GAP_ACROSS;
  const spread = (Math.max(0, addresses.length - 1) * across) / 2;
  chain.forEach((node, index) => positions.set(node.id, place(direction, PADDING + index * step, PADDING + spread)));
  addresses.forEach((node, index) => positions.set(node.id, place(direction, PADDING + chain.length * step, PADDING + index * across)));
  return positions;
}

function place(direction: LayoutDirection, along: number, across: number): { x: number; y: number } {
  return direction === 'LR' ? { x: along, y: across } : { x: across, y: along };
}
