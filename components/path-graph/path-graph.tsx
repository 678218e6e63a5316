'use client';

import { useMemo } from 'react';

import { MarkerType, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useTranslations } from 'next-intl';

import type { PathGraph } from '@/lib/analysis/graph';
import type { HopKind } from '@/lib/analysis/model';

import type { PathFlowEdge, PathFlowNode } from './flow-types';
import { graphSize, layoutPath, type LayoutDirection, type Positions } from './layout';
import { PathEdgeView } from './path-edge';
import { AddressPathNode, DestinationPathNode, HopPathNode, SourcePathNode } from './path-nodes';

import '@xyflow/react/dist/style.css';

const nodeTypes: NodeTypes = { source: SourcePathNode, hop: HopPathNode, destination: DestinationPathNode, address: AddressPathNode };
const edgeTypes: EdgeTypes = { path: PathEdgeView };

export interface PathGraphCanvasProps {
  graph: PathGraph;
  direction: LayoutDirection;
  selectedHop: HopKind | null;
  onSelectHop: (hop: HopKind) => void;
}

function toFlowNodes(graph: PathGraph, positions: Positions, direction: LayoutDirection, selectedHop: HopKind | null, onSelectHop: (hop: HopKind) => void): PathFlowNode[] {
  return graph.nodes.map((model): PathFlowNode => {
    const position = positions.get(model.id) ?? { x: 0, y: 0 };
    const common = { id: model.id, position, draggable: false, selectable: false, connectable: false };
    switch (model.kind) {
      case 'source':
        return { ...common, type: 'source', data: { model, direction } };
      case 'hop':
        return { ...common, type: 'hop', data: { model, direction, isSelected: model.hop === selectedHop, onSelect: onSelectHop } };
      case 'destination':
        return { ...common, type: 'destination', data: { model, direction } };
      case 'address':
        return { ...common, type: 'address', data: { model, direction } };
      default: {
        const unreachable: never = model;
        throw new Error(`unhandled path node ${JSON.stringify(unreachable)}`);
      }
    }
  });
}

function toFlowEdges(graph: PathGraph): PathFlowEdge[] {
  return graph.edges.map((model) => ({
    id: model.id,
    source: model.from,
    target: model.to,
    type: 'path',
    data: { model },
    selectable: false,
    focusable: false,
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#94a3b8' },
  }));
}

/**
 * The xyflow canvas at scale 1: read-only (no dragging, connecting, selecting, panning or
 * zooming by the library), as large as its nodes need; a path longer than the screen
 * scrolls sideways instead of shrinking its text. Laid out synchronously with the
 * diagnosis, so it shows in the same frame as the verdict. Rendered in the browser only.
 */
export function PathGraphCanvas({ graph, direction, selectedHop, onSelectHop }: PathGraphCanvasProps) {
  const layoutKey = `${direction}:${graph.nodes.map((node) => node.id).join(',')}`;
  const positions = useMemo(() => layoutPath(graph, direction), [graph, direction]);
  const { width, height } = graphSize(graph, direction);
  const nodes = useMemo(() => toFlowNodes(graph, positions, direction, selectedHop, onSelectHop), [graph, positions, direction, selectedHop, onSelectHop]);
  const edges = useMemo(() => toFlowEdges(graph), [graph]);
  const t = useTranslations();

  return (
    // A scrollable region is a tab stop of its own (axe: scrollable-region-focusable), so keyboard
    // users can scroll a long path sideways with the arrow keys even before a hop is focused.
    <div className="w-full overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600" data-testid="path-graph-scroll" tabIndex={0} role="group" aria-label={t('graph.scrollRegion')}>
      <div style={{ width, height }} className="relative">
        <ReactFlow
          key={layoutKey}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode="system"
          defaultViewport={{ x: 0, y: 0, zoom: 1 }}
          minZoom={1}
          maxZoom={1}
          // NOTE: without a node click handler, React Flow gives non-draggable, non-selectable
          // nodes `pointer-events: none`, and the pane swallows clicks on the hop buttons.
          onNodeClick={(_event, node) => {
            if (node.type === 'hop') onSelectHop(node.data.model.hop);
          }}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          panOnDrag={false}
          panOnScroll={false}
          zoomOnScroll={false}
          zoomOnPinch={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          proOptions={{ hideAttribution: true }}
          className="!bg-transparent"
        />
      </div>
    </div>
  );
}
