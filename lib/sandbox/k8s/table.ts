/**
 * `meta.k8s.io` Tables, what kubectl asks for (`Accept: application/json;as=Table;…`) so the
 * server decides the columns. Pods get kubectl's usual columns; other kinds get NAME and AGE.
 */
import { arrayAt, isJsonObject, stringAt, valueAt } from './json';
import type { StoredObject } from './store';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer';
  format: string;
  description: string;
  priority: number;
}

const nameColumn: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};
const ageColumn: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  format: '',
  description: 'CreationTimestamp is the time the object was created.',
  priority: 0,
};

const podColumns: ColumnDefinition[] = [
  nameColumn,
  { name: 'Ready', type: 'string', format: '', description: 'The number of containers that are ready.', priority: 0 },
  { name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0 },
  { name: 'Restarts', type: 'integer', format: '', description: 'The number of times the containers have restarted.', priority: 0 },
  ageColumn,
  { name: 'IP', type: 'string', format: '', description: 'The pod IP address.', priority: 1 },
  { name: 'Node', type: 'string', format: '', description: 'The node the pod is scheduled to.', priority: 1 },
];

/**
 * A `Table` of the objects. `metadata` carries the list's resourceVersion and continue token;
 * `now` is the clock used for the AGE column.
 */
export function toTable(
  objects: readonly StoredObject[],
  options: { apiVersion: string; kind: string; includeObject: IncludeObject; now: number; metadata: Record<string, unknown> },
): Record<string, unknown> {
  const isPod = options.kind === 'Pod';
  return {
    kind: 'Table',
    apiVersion: options.apiVersion,
    metadata: options.metadata,
    columnDefinitions: isPod ? podColumns : [nameColumn, ageColumn],
    rows: objects.map((object) => ({
      cells: isPod ? podCells(object, options.now) : [object.name, age(object, options.now)],
      ...rowObject(object, options.includeObject),
    })),
  };
}

function rowObject(object: StoredObject, includeObject: IncludeObject): Record<string, unknown> {
  switch (includeObject) {
    case 'None':
      return {};
    case 'Metadata':
      return {
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.body.metadata },
      };
    case 'Object':
      return { object: object.body };
    default: {
      const exhaustive: never = includeObject;
      throw new Error(`unhandled includeObject ${String(exhaustive)}`);
    }
  }
}

function podCells(pod: StoredObject, now: number): unknown[] {
  const containerCount = arrayAt(pod.body, ['spec', 'containers']).length;
  const statuses = arrayAt(pod.body, ['status', 'containerStatuses']).filter(isJsonObject);
  const ready = statuses.filter((status) => status.ready === true).length;
  const restarts = statuses.reduce((sum, status) => sum + (typeof status.restartCount === 'number' ? status.restartCount : 0), 0);
  return [
    pod.name,
    `${ready}/${containerCount}`,
    podStatus(pod, statuses),
    restarts,
    age(pod, now),
    stringAt(pod.body, ['status', 'podIP']) ?? '<none>',
    stringAt(pod.body, ['spec', 'nodeName']) ?? '<none>',
  ];
}

/** kubectl's STATUS: Terminating, else a waiting/terminated container's reason, else the pod reason or phase. */
function podStatus(pod: StoredObject, statuses: ReadonlyArray<Record<string, unknown>>): string {
  if (stringAt(pod.body, ['metadata', 'deletionTimestamp']) !== undefined) return 'Terminating';
  for (const status of statuses) {
    const reason = stringAt(status, ['state', 'waiting', 'reason']) ?? stringAt(status, ['state', 'terminated', 'reason']);
    if (reason !== undefined) return reason;
  }
  return stringAt(pod.body, ['status', 'reason']) ?? stringAt(pod.body, ['status', 'phase']) ?? 'Unknown';
}

function age(object: StoredObject, now: number): string {
  const created = valueAt(object.body, ['metadata', 'creationTimestamp']);
  const time = typeof created === 'string' ? Date.parse(created) : Number.NaN;
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now - time);
}

/** Short durations the way kubectl prints AGE: `45s`, `5m30s`, `3h`, `2d5h`, `90d`, `1y30d`. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (days < 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (days < 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
