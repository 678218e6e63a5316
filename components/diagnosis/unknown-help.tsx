import { errorsOfHop, grantFor } from '@/lib/fixes/grants';
import type { DiagnosisView, HopView } from '@/lib/schemas/diagnosis';

import { CodeBlock } from './code-block';
import { consoleUrl } from './console-links';

/**
 * For an undecided hop: the read that failed (once), what to grant so it succeeds (the RAM
 * policy or RBAC rule, ready to paste) and how to check by hand (the CLI line and the console).
 */
export function UnknownHelp({ hop, diagnosis, region }: { hop: HopView; diagnosis: Pick<DiagnosisView, 'request' | 'errors'>; region: string | null }) {
  const errors = errorsOfHop(hop, diagnosis.errors);
  if (errors.length === 0) return null;
  return (
    <section aria-label="How to read what is missing" className="space-y-2">
      {errors.map((error) => {
        const grant = grantFor(error, region, diagnosis.request.cluster);
        const link = grant?.kind === 'ram' && grant.resourceId ? consoleUrl(grant.resourceId, region) : null;
        return (
          <div key={`${error.source}:${error.resource}`} className="space-y-2 rounded-md border border-violet-300 bg-violet-50 p-2.5 text-xs text-violet-950 dark:border-violet-800 dark:bg-violet-950/40 dark:text-violet-100">
            {/* The error is said once: here, unless the hop's summary already says it. */}
            {hop.summary.includes(error.resource) ? null : (
            <p>
              <span className="font-semibold">Could not read </span>
              <span className="font-mono">{error.resource}</span>
              {error.code ? <span className="font-mono"> ({error.code})</span> : null}: {error.message}
              {error.retryable ? ' It may succeed if you run the diagnosis again.' : ''}
            </p>
            )}
            {grant?.kind === 'ram' ? (
              <>
                <p>Grant the dashboard&apos;s RAM identity this read-only permission, then run the diagnosis again:</p>
                <CodeBlock caption={`RAM policy (${grant.action})`} code={grant.policy} copyDescription={`Copy RAM policy: ${grant.action}`} />
                <CodeBlock caption="Check by hand with the same credentials" code={grant.check} copyDescription={`Copy check: ${grant.action}`} />
              </>
            ) : null}
            {grant?.kind === 'rbac' ? (
              <>
                <p>Bind the dashboard&apos;s Kubernetes identity (replace &lt;DASHBOARD_USER&gt;) to this read-only role, then run the diagnosis again:</p>
                <CodeBlock caption="RBAC role and binding" code={grant.manifest} copyDescription={`Copy RBAC manifest: ${error.resource}`} />
                <CodeBlock caption="Check by hand" code={grant.check} copyDescription={`Copy check: ${error.resource}`} />
              </>
            ) : null}
            {link ? (
              <p>
                Or look in the console:{' '}
                <a href={link} target="_blank" rel="noreferrer noopener" className="font-medium underline">
                  {grant?.kind === 'ram' ? grant.resourceId : ''} in the Alibaba Cloud console
                </a>
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
