import type { Edge, Node } from '@xyflow/react';

import type { AddressNode, DestinationNode, HopNode, PathEdge, SourceNode } from '@/lib/analysis/graph';
import type { HopKind } from '@/lib/analysis/model';

import type { LayoutDirection } from './layout';

/** What every flow node carries besides its model node. */
type Common = { direction: LayoutDirection };

export type SourceFlowNode = Node<Common & { model: SourceNode }, 'source'>;
export type HopFlowNode = Node<Common & { model: HopNode; isSelected: boolean; onSelect: (hop: HopKind) => void }, 'hop'>;
export type DestinationFlowNode = Node<Common & { model: DestinationNode }, 'destination'>;
export type AddressFlowNode = Node<Common & { model: AddressNode }, 'address'>;
export type PathFlowNode = SourceFlowNode | HopFlowNode | DestinationFlowNode | AddressFlowNode;

export type PathFlowEdge = Edge<{ model: PathEdge }, 'path'>;
