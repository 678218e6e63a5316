import type { ChangePreview } from '@/lib/audit/schemas';

import { CodeBlock } from '@/components/diagnosis/code-block';

function StateTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-xs">
        <caption className="bg-slate-50 px-2.5 py-1.5 text-left text-[11px] font-semibold text-slate-700 dark:bg-slate-900 dark:text-slate-200">{caption}</caption>
        <thead>
          <tr className="border-y border-slate-200 text-[11px] text-slate-600 dark:border-slate-800 dark:text-slate-300">
            {columns.map((column) => (
              <th key={column} scope="col" className="px-2 py-1 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-1 text-slate-600 dark:text-slate-300">
                (none)
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={`${index}-${row.join('|')}`} className="border-b border-slate-100 last:border-b-0 dark:border-slate-800">
                {row.map((cell, cellIndex) => (
                  <td key={`${columns[cellIndex] ?? cellIndex}`} className="px-2 py-1 font-mono break-all">
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** What a change will do: the request or the dry run's diff, the state before and after, the risk. */
export function ChangePreviewView({ preview }: { preview: ChangePreview }) {
  const { request } = preview;
  return (
    <div className="space-y-3 text-sm" data-testid="change-preview">
      <p role="note" className="rounded border border-red-300 bg-red-50 px-2.5 py-1.5 font-medium text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
        This will change production: {request.kind === 'alicloud' ? `Alibaba Cloud ${request.product} ${request.action}` : `${request.operation} of ${request.object}`}.
      </p>
      <p className="flex gap-1.5 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        <span className="font-semibold">Risk:</span>
        <span>{preview.risk}</span>
      </p>
      {request.kind === 'alicloud' ? (
        <>
          <StateTable caption={`API request: ${request.product} ${request.action} (version ${request.version})`} columns={['Parameter', 'Value']} rows={Object.entries(request.parameters)} />
          <CodeBlock caption="aliyun CLI" code={request.command} copyDescription={`Copy command: ${preview.title}`} />
        </>
      ) : (
        <CodeBlock caption={`kubectl (${request.operation})`} code={request.command} copyDescription={`Copy command: ${preview.title}`} />
      )}
      {preview.diff !== null ? <CodeBlock caption="Server-side dry run: the object before → after" code={preview.diff || '(no change)'} copyDescription={`Copy diff: ${preview.title}`} /> : null}
      {preview.state ? (
        <div className="grid gap-2 lg:grid-cols-2">
          <StateTable caption={`${preview.state.title}: now`} columns={preview.state.columns} rows={preview.state.before} />
          <StateTable caption={`${preview.state.title}: after the change`} columns={preview.state.columns} rows={preview.state.after} />
        </div>
      ) : null}
      {preview.stateError ? <p className="text-xs text-amber-900 dark:text-amber-200">{preview.stateError}</p> : null}
      <p className="text-xs text-slate-700 dark:text-slate-300">
        {preview.undoPossible ? 'The audit log will offer an undo of this change.' : 'There will be no undo of this change from the dashboard.'}
      </p>
    </div>
  );
}
