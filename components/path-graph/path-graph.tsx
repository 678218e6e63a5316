'use client';

import { useEffect, useMemo, useState } from 'react';

import { Controls, MarkerType, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';

import type { PathGraph } from '@/lib/analysis/graph';
import type { HopKind } from '@/lib/analysis/model';

import { Skeleton } from '@/components/ui/states';

import type { PathFlowEdge, PathFlowNode } from './flow-types';
import { graphHeight, layoutLinear, layoutWithElk, type LayoutDirection, type Positions } from './layout';
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
 * The xyflow canvas: read-only (no dragging, connecting or selecting by the library), fitted
 * to its box. Its height is known before layout, so nothing shifts while elkjs runs; until
 * then a skeleton of that height stands in. Rendered in the browser only.
 */
export function PathGraphCanvas({ graph, direction, selectedHop, onSelectHop }: PathGraphCanvasProps) {
  const layoutKey = `${direction}:${graph.nodes.map((node) => node.id).join(',')}`;
  const [layout, setLayout] = useState<{ key: string; positions: Positions } | null>(null);

  useEffect(() => {
    let current = true;
    // NOTE: elkjs failing (it should not for a DAG this small) degrades to the linear layout, never to no graph.
    void layoutWithElk(graph, direction)
      .catch(() => layoutLinear(graph, direction))
      .then((positions) => {
        if (current) setLayout({ key: layoutKey, positions });
      });
    return () => {
      current = false;
    };
  }, [graph, direction, layoutKey]);

  const height = graphHeight(graph, direction);
  const positions = layout?.key === layoutKey ? layout.positions : null;
  const nodes = useMemo(() => (positions ? toFlowNodes(graph, positions, direction, selectedHop, onSelectHop) : []), [graph, positions, direction, selectedHop, onSelectHop]);
  const edges = useMemo(() => toFlowEdges(graph), [graph]);

  return (
    <div style={{ height }} className="relative w-full">
      {positions === null ? (
        <Skeleton className="absolute inset-0" />
      ) : (
        <ReactFlow
          key={layoutKey}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode="system"
          fitView
          fitViewOptions={{ padding: 0.08, maxZoom: 1, minZoom: 0.35 }}
          minZoom={0.35}
          maxZoom={1.5}
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
          panOnDrag={direction === 'LR'}
          panOnScroll={false}
          zoomOnScroll={false}
          zoomOnPinch={direction === 'LR'}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          proOptions={{ hideAttribution: true }}
          className="!bg-transparent"
        >
          {direction === 'LR' ? <Controls showInteractive={false} position="bottom-right" /> : null}
        </ReactFlow>
      )}
    </div>
  );
}
