import type { PathGraph } from '@/lib/analysis/graph';

/** `LR` on wide screens, `TB` (hops stacked) below 768px. */
export type LayoutDirection = 'LR' | 'TB';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 92;
const GAP_ALONG = 28;
const GAP_ACROSS = 20;
const PADDING = 16;

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

/**
 * Height of the graph's box, known before layout so the page does not shift: the chain
 * runs along the direction, the destination's addresses add one rank (TB) or a column
 * as tall as the addresses stacked (LR).
 */
export function graphHeight(graph: PathGraph, direction: LayoutDirection): number {
  const addresses = graph.nodes.filter((node) => node.kind === 'address').length;
  const chain = graph.nodes.length - addresses;
  if (direction === 'TB') {
    const ranks = chain + (addresses > 0 ? 1 : 0);
    return ranks * NODE_HEIGHT + (ranks - 1) * GAP_ALONG + 2 * PADDING;
  }
  const rows = Math.max(1, addresses);
  return Math.max(200, rows * NODE_HEIGHT + (rows - 1) * GAP_ACROSS + 2 * PADDING + 40);
}

/**
 * Deterministic layout: the chain on one line, the addresses side by side after the
 * destination, centred on it. Used when elkjs cannot run, and as its reference.
 */
export function layoutLinear(graph: PathGraph, direction: LayoutDirection): Positions {
  const positions = new Map<string, { x: number; y: number }>();
  const chain = graph.nodes.filter((node) => node.kind !== 'address');
  const addresses = graph.nodes.filter((node) => node.kind === 'address');
  const step = (direction === 'LR' ? NODE_WIDTH : NODE_HEIGHT) + GAP_ALONG;
  const across = (direction === 'LR' ? NODE_HEIGHT : NODE_WIDTH) + GAP_ACROSS;
  const spread = ((addresses.length - 1) * across) / 2;
  chain.forEach((node, index) => positions.set(node.id, place(direction, index * step, Math.max(0, spread))));
  addresses.forEach((node, index) => positions.set(node.id, place(direction, chain.length * step, index * across)));
  return positions;
}

function place(direction: LayoutDirection, along: number, across: number): { x: number; y: number } {
  return direction === 'LR' ? { x: along, y: across } : { x: across, y: along };
}

/**
 * Layered layout by elkjs (its bundled build runs in the page, no worker). Loaded on
 * demand so the server bundle never includes it; falls back to `layoutLinear` on failure.
 */
export async function layoutWithElk(graph: PathGraph, direction: LayoutDirection): Promise<Positions> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'LR' ? 'RIGHT' : 'DOWN',
      'elk.spacing.nodeNode': String(GAP_ACROSS),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP_ALONG),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.from], targets: [edge.to] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
