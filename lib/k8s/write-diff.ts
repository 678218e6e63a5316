/**
 * A line diff of two Kubernetes objects as YAML, for previews of a change.
 */
import 'server-only';

import { stringify } from 'yaml';

/** Metadata the API server rewrites on every change; it would only add noise to a preview. */
const noisyMetadata = ['managedFields', 'resourceVersion', 'generation'];

/** The object as YAML without server bookkeeping (`managedFields`, `resourceVersion`, `generation`); '' for null. */
export function toPreviewYaml(object: Record<string, unknown> | null): string {
  if (object === null) return '';
  const metadata = object.metadata;
  const trimmed =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? { ...object, metadata: Object.fromEntries(Object.entries(metadata).filter(([key]) => !noisyMetadata.includes(key))) }
      : object;
  return stringify(trimmed);
}

/**
 * A unified-style line diff (every line, prefixed `' '`, `'-'` or `'+'`) of two texts,
 * by longest common subsequence. Objects are small (hundreds of lines), so O(n·m) is fine.
 */
export function lineDiff(before: string, after: string): string {
  const left = splitLines(before);
  const right = splitLines(after);
  const lengths: number[][] = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i -= 1) {
    for (let j = right.length - 1; j >= 0; j -= 1) {
      const row = lengths[i];
      if (!row) continue;
      row[j] = left[i] === right[j] ? (lengths[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      out.push(` ${left[i] ?? ''}`);
      i += 1;
      j += 1;
    } else if (j < right.length && (i >= left.length || (lengths[i]?.[j + 1] ?? 0) >= (lengths[i + 1]?.[j] ?? 0))) {
      out.push(`+${right[j] ?? ''}`);
      j += 1;
    } else {
      out.push(`-${left[i] ?? ''}`);
      i += 1;
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}
