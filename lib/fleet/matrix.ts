/**
 * The audit as a matrix (pure): a row per workload, a column per destination, each cell the
 * workload's worst verdict (blocked, then unknown, then reachable) with how many of its pods
 * reach it, linked to the diagnosis of its first pod that does not (or its first pod).
 */
import type { Verdict } from '@/lib/analysis/model';
import type { AuditResult } from '@/lib/schemas/audit';

export interface MatrixCell {
  verdict: Verdict;
  /** Pods of the workload that reach the destination. */
  reachable: number;
  total: number;
  diagnosisUrl: string;
}

export interface AuditMatrix {
  /** Column headers: the destinations as typed. */
  destinations: string[];
  /** Rows in the order workloads first appear among the pods. */
  rows: Array<{ workload: string; pods: number; cells: MatrixCell[] }>;
}

const WORST: Record<Verdict, number> = { blocked: 2, unknown: 1, reachable: 0 };

/** The matrix of `result` (see the file comment). */
export function buildAuditMatrix(result: Pick<AuditResult, 'destinations'>): AuditMatrix {
  const workloads: string[] = [];
  const cells = new Map<string, MatrixCell[]>();
  result.destinations.forEach((destination, column) => {
    for (const pod of destination.pods) {
      let row = cells.get(pod.workload);
      if (row === undefined) {
        workloads.push(pod.workload);
        row = [];
        cells.set(pod.workload, row);
      }
      const cell = row[column];
      if (cell === undefined) {
        row[column] = { verdict: pod.verdict, reachable: pod.verdict === 'reachable' ? 1 : 0, total: 1, diagnosisUrl: pod.diagnosisUrl };
        continue;
      }
      cell.total += 1;
      if (pod.verdict === 'reachable') cell.reachable += 1;
      if (WORST[pod.verdict] > WORST[cell.verdict]) {
        cell.verdict = pod.verdict;
        cell.diagnosisUrl = pod.diagnosisUrl;
      }
    }
  });
  return {
    destinations: result.destinations.map((destination) => destination.destination.destination),
    rows: workloads.map((workload) => {
      const row = cells.get(workload) ?? [];
      return { workload, pods: row[0]?.total ?? 0, cells: row };
    }),
  };
}

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The matrix as CSV: `workload,pods,<destination>…`, each cell `verdict` or `verdict (reachable/total)` when pods differ. */
export function auditMatrixCsv(matrix: AuditMatrix): string {
  const lines = [['workload', 'pods', ...matrix.destinations].map(csvField).join(',')];
  for (const row of matrix.rows) {
    const cells = row.cells.map((cell) => (cell.reachable === 0 || cell.reachable === cell.total ? cell.verdict : `${cell.verdict} (${cell.reachable}/${cell.total} reachable)`));
    lines.push([row.workload, String(row.pods), ...cells].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
