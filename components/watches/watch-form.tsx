'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { createWatch } from '@/lib/queries/watches';
import type { AuditRequestInput } from '@/lib/schemas/audit';
import { DEFAULT_WATCH_INTERVAL_MINUTES, MIN_WATCH_INTERVAL_MINUTES, webhookFormatSchema, type WebhookFormat } from '@/lib/schemas/watch';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { ErrorNotice } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

/** What the form watches: a saved diagnosis, or an audit (the body of `POST /api/audits`, one destination). */
export type WatchFormTarget = { diagnosisId: string } | { audit: AuditRequestInput };

/** "Watch this diagnosis" (or "this audit"): interval, optional webhook and its payload shape. */
export function WatchForm(target: WatchFormTarget) {
  const t = useTranslations();
  const isAudit = 'audit' in target;
  const title = isAudit ? t('watchesPage.auditFormTitle') : t('watchesPage.formTitle');
  const [intervalMinutes, setIntervalMinutes] = useState(String(DEFAULT_WATCH_INTERVAL_MINUTES));
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const create = useMutation({
    mutationFn: () => createWatch({ ...target, intervalMinutes: Number(intervalMinutes), webhook: url.trim() === '' ? null : { url: url.trim(), format } }),
    retry: false,
  });
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label={title}>
      <h2 className="text-sm font-semibold">{title}</h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">{isAudit ? t('watchesPage.auditFormIntro') : t('watchesPage.formIntro')}</p>
      <form
        className="grid gap-2 sm:grid-cols-[8rem_1fr_8rem_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label className="block text-xs font-medium">
          {t('watchesPage.interval')}
          <Input type="number" min={MIN_WATCH_INTERVAL_MINUTES} value={intervalMinutes} onChange={(event) => setIntervalMinutes(event.target.value)} />
        </label>
        <label className="block text-xs font-medium">
          {t('watchesPage.webhook')}
          <Input type="url" value={url} placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" onChange={(event) => setUrl(event.target.value)} />
        </label>
        <label className="block text-xs font-medium">
          {t('watchesPage.format')}
          <Select value={format} onChange={(event) => setFormat(webhookFormatSchema.catch('json').parse(event.target.value))}>
            {webhookFormatSchema.options.map((option) => (
              <option key={option} value={option} data-verbatim>
                {option}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" size="sm" disabled={create.isPending || Boolean(create.data)}>
          {create.isPending ? t('watchesPage.starting') : t('watchesPage.start')}
        </Button>
      </form>
      <div aria-live="polite">
        {create.error ? <ErrorNotice title={t('watchesPage.failed')} message={<ErrorText error={create.error} />} /> : null}
        {create.data ? (
          <p role="status">
            {t('watchesPage.started')}{' '}
            <Link href="/watches" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
              {t('watchesPage.watchesPageLink')}
            </Link>
            .
          </p>
        ) : null}
      </div>
    </Card>
  );
}
