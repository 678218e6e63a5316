'use client';

import { useState } from 'react';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { buildAuditMatrix } from '@/lib/fleet/matrix';
import { auditBodyOf, runAuditStream, type AuditProgress, type AuditRunRequest } from '@/lib/queries/audits';
import { clustersQueryOptions, namespacesQueryOptions } from '@/lib/queries/clusters';
import type { AuditRequestInput } from '@/lib/schemas/audit';

import { ClusterSelect } from '@/components/cluster-select';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { ErrorNotice } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';
import { WatchForm } from '@/components/watches/watch-form';

import { AuditMatrixView } from './audit-matrix';
import { AuditResultView } from './audit-result-view';

const ALL = '';

function ProgressBar({ progress }: { progress: AuditProgress | null }) {
  const t = useTranslations();
  if (progress === null) return <p role="status">{t('namespaceAudit.readingCluster')}</p>;
  return (
    <div className="space-y-1 text-sm" role="status">
      <div role="progressbar" aria-label={t('namespaceAudit.progressLabel')} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
        <div className="h-full bg-sky-600" style={{ width: `${progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100)}%` }} />
      </div>
      <p>
        {t('namespaceAudit.progressLabel')}: {progress.done} / {progress.total} — <span data-verbatim>{progress.message}</span>
      </p>
    </div>
  );
}

/** The body of `POST /api/audits` for a run of one destination (what "Watch this audit" watches), else null. */
function watchedAuditOf(request: AuditRunRequest | undefined): AuditRequestInput | null {
  if (request === undefined || request.destinations.length !== 1) return null;
  return auditBodyOf(request);
}

/** The namespace view: pick a namespace (or all) and destinations, audit, see the groups and the matrix. */
export function NamespaceAudit({ initial }: { initial: { cluster: string | null; namespace: string | null; destinations: string[] } }) {
  const t = useTranslations();
  const clusters = useQuery(clustersQueryOptions());
  const known = clusters.data?.clusters ?? [];
  const [chosenCluster, setCluster] = useState<string | null>(initial.cluster);
  const cluster = chosenCluster ?? known.find((item) => item.current)?.name ?? known[0]?.name ?? null;
  const namespaces = useQuery({ ...namespacesQueryOptions(cluster ?? ''), enabled: cluster !== null });
  const [namespace, setNamespace] = useState(initial.namespace ?? ALL);
  const [destinations, setDestinations] = useState(initial.destinations.join('\n'));
  const [port, setPort] = useState('');
  const [progress, setProgress] = useState<AuditProgress | null>(null);
  const audit = useMutation({ mutationFn: (request: AuditRunRequest) => runAuditStream(request, setProgress) });
  const watched = audit.isSuccess ? watchedAuditOf(audit.variables) : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (cluster === null) return;
    setProgress(null);
    const lines = destinations
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    audit.mutate({ cluster, namespace: namespace === ALL ? null : namespace, destinations: lines, port: port.trim() === '' ? null : Number(port) });
  };

  return (
    <div className="space-y-4">
      <Card className="p-4">
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
          <label className="space-y-1 text-sm">
            <span className="font-medium">{t('namespaceAudit.cluster')}</span>
            <ClusterSelect clusters={known} value={cluster} onChange={setCluster} placeholder={t('namespaceAudit.cluster')} />
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">{t('namespaceAudit.scope')}</span>
            <Select value={namespace} onChange={(event) => setNamespace(event.target.value)}>
              <option value={ALL}>{t('namespaceAudit.allNamespaces')}</option>
              {(namespaces.data?.namespaces ?? []).map((item) => (
                <option key={item.name} value={item.name} data-verbatim>
                  {item.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1 text-sm sm:col-span-2">
            <span className="font-medium">{t('namespaceAudit.destinations')}</span>
            <textarea
              value={destinations}
              onChange={(event) => setDestinations(event.target.value)}
              rows={3}
              required
              aria-describedby="audit-destinations-hint"
              className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-sky-600/30 dark:border-slate-700 dark:bg-slate-950"
            />
            <span id="audit-destinations-hint" className="text-xs text-slate-600 dark:text-slate-400">
              {t('namespaceAudit.destinationsHint')}
            </span>
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">{t('namespaceAudit.port')}</span>
            <Input value={port} onChange={(event) => setPort(event.target.value)} inputMode="numeric" placeholder={t('namespaceAudit.portHint')} />
          </label>
          <div className="flex items-end">
            <Button type="submit" disabled={cluster === null || audit.isPending}>
              {audit.isPending ? t('namespaceAudit.running') : t('namespaceAudit.run')}
            </Button>
          </div>
        </form>
      </Card>
      {audit.isPending ? <ProgressBar progress={progress} /> : null}
      {audit.isError ? <ErrorNotice title={t('namespaceAudit.failed')} message={<ErrorText error={audit.error} />} /> : null}
      {audit.isSuccess ? (
        <>
          {audit.data.destinations.length > 1 && audit.data.podCount > 0 ? <AuditMatrixView matrix={buildAuditMatrix(audit.data)} /> : null}
          <AuditResultView result={audit.data} />
          {watched ? <WatchForm key={JSON.stringify(watched)} audit={watched} /> : null}
        </>
      ) : null}
    </div>
  );
}
