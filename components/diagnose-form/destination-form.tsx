'use client';

import { useId, useState } from 'react';

import { useTranslations } from 'next-intl';

import type { Protocol } from '@/lib/analysis/model';
import { parseDestination } from '@/lib/schemas/destination';

import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { withSlot } from '@/components/i18n/slot';
import { useText } from '@/components/i18n/use-text';

export interface DestinationRequest {
  destination: string;
  port: number;
  protocol: Protocol;
}

export interface DestinationFormProps {
  /** Label of the selected source, e.g. `acs-prod / shop / web-7d9c8b6f5-x2lqk`. */
  sourceLabel: string;
  initial?: Partial<DestinationRequest>;
  onSubmit: (request: DestinationRequest) => void;
}

const toProtocol = (value: string): Protocol => (value === 'udp' || value === 'sctp' ? value : 'tcp');

/**
 * Destination, port and protocol. The port fills itself from a URL or `host:port`
 * until the user edits it; the input is checked as typed, with the reason.
 */
export function DestinationForm({ sourceLabel, initial, onSubmit }: DestinationFormProps) {
  const t = useTranslations();
  const text = useText();
  const id = useId();
  const [destination, setDestination] = useState(initial?.destination ?? '');
  const [portText, setPortText] = useState(initial?.port ? String(initial.port) : '');
  const [portEdited, setPortEdited] = useState(initial?.port !== undefined);
  const [protocol, setProtocol] = useState<Protocol>(initial?.protocol ?? 'tcp');
  const [touched, setTouched] = useState(false);

  const parsed = parseDestination(destination);
  const derivedPort = parsed.ok && parsed.value.port !== null ? String(parsed.value.port) : '';
  const shownPort = portEdited ? portText : derivedPort;
  const port = Number(shownPort);
  const portError = shownPort === '' ? t('diagnoseForm.addPort') : Number.isInteger(port) && port >= 1 && port <= 65535 ? null : t('diagnoseForm.portRange');
  const problem = parsed.ok ? '' : text(parsed.message, parsed.problem);
  const destinationError = destination.trim() === '' || parsed.ok ? null : problem;
  const canSubmit = parsed.ok && portError === null;

  return (
    <form
      noValidate
      aria-label={t('diagnoseForm.label')}
      className="grid gap-3 md:grid-cols-[1fr_7rem_6rem_auto] md:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (canSubmit) onSubmit({ destination: destination.trim(), port, protocol });
      }}
    >
      <div>
        <label htmlFor={`${id}-destination`} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {withSlot(
            (slot) => t('diagnoseForm.destinationFrom', { source: slot }),
            <span data-verbatim className="font-mono">
              {sourceLabel}
            </span>,
          )}
        </label>
        <Input
          id={`${id}-destination`}
          className="mt-1 font-mono"
          placeholder={t('diagnoseForm.placeholder')}
          value={destination}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={destinationError !== null || (touched && !parsed.ok)}
          aria-describedby={`${id}-destination-help`}
          onChange={(event) => setDestination(event.target.value)}
        />
        <p id={`${id}-destination-help`} className="mt-1 min-h-4 text-xs text-red-700 dark:text-red-300">
          {destinationError ?? (touched && !parsed.ok ? problem : '')}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-port`} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {t('diagnoseForm.port')}
        </label>
        <Input
          id={`${id}-port`}
          className="mt-1 font-mono"
          inputMode="numeric"
          value={shownPort}
          aria-invalid={touched && portError !== null}
          aria-describedby={`${id}-port-help`}
          onChange={(event) => {
            setPortEdited(true);
            setPortText(event.target.value.trim());
          }}
        />
        <p id={`${id}-port-help`} className="mt-1 min-h-4 text-xs text-red-700 dark:text-red-300">
          {touched || portEdited ? (portError ?? '') : ''}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-protocol`} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {t('diagnoseForm.protocol')}
        </label>
        <Select data-verbatim id={`${id}-protocol`} className="mt-1" value={protocol} onChange={(event) => setProtocol(toProtocol(event.target.value))}>
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
          <option value="sctp">SCTP</option>
        </Select>
      </div>
      <Button type="submit" className="md:mt-5" disabled={touched && !canSubmit}>
        {t('diagnoseForm.submit')}
      </Button>
    </form>
  );
}
