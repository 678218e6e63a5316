'use client';

import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';

import { cn } from '@/lib/cn';

import type { PathFlowEdge } from './flow-types';
import { verdictStroke } from './verdict';

/** An edge coloured by the verdict of the node it leaves; dashed once traffic no longer travels it. */
export function PathEdgeView({ id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd }: EdgeProps<PathFlowEdge>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 6 });
  const verdict = data?.model.verdict ?? 'pass';
  const afterBlock = data?.model.afterBlock ?? false;
  return (
    <g data-testid={`edge-${id}`} data-verdict={verdict} data-after-block={afterBlock} className={cn(verdictStroke({ verdict }))}>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: 'currentColor', strokeWidth: verdict === 'block' ? 2.5 : 1.75, strokeDasharray: afterBlock ? '5 4' : undefined, opacity: afterBlock && verdict !== 'block' ? 0.55 : 1 }} />
    </g>
  );
}
