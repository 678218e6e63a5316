import { useTranslations } from 'next-intl';

import { cn } from '@/lib/cn';

import { useText } from '@/components/i18n/use-text';

import type { MessageView } from '@/lib/schemas/diagnosis';

import { consoleUrl, isKubernetesFact } from './console-links';

const KIND_LABELS: Record<string, string> = {
  pod: 'Pod',
  node: 'Node',
  namespace: 'Namespace',
  networkPolicy: 'NetworkPolicy',
  service: 'Service',
  endpointSlice: 'EndpointSlice',
  securityGroup: 'Security group',
  securityGroupRule: 'SG rule',
  vSwitch: 'vSwitch',
  vpc: 'VPC',
  networkAcl: 'Network ACL',
  networkAclEntry: 'ACL entry',
  routeTable: 'Route table',
  routeEntry: 'Route',
  natGateway: 'NAT gateway',
  snatEntry: 'SNAT entry',
  eip: 'EIP',
  eni: 'ENI',
  loadBalancer: 'SLB',
  slbAcl: 'SLB ACL',
  rds: 'RDS',
  redis: 'Redis',
  dnsName: 'DNS name',
};

/** A human label for a fact kind (`securityGroup` → Security group). */
export function factKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/**
 * The chip's text: the label, with the id added only when the label does not hold it already;
 * a label that starts with the chip's own kind (`NetworkPolicy ns/name`) drops that word.
 */
export function chipText(fact: { kind: string; id: string; label: string }): string {
  const kindWords = [factKindLabel(fact.kind), fact.kind].map((word) => `${word} `);
  const prefix = kindWords.find((word) => fact.label.startsWith(word) && fact.label.slice(word.length).includes(fact.id));
  const label = prefix ? fact.label.slice(prefix.length) : fact.label;
  return label.includes(fact.id) ? label : `${label} (${fact.id})`;
}

/**
 * A fact the hop read: its kind and label; cloud ids link to the Alibaba Cloud console,
 * Kubernetes objects show as `Kind namespace/name`.
 */
export function FactRefChip({ fact, region, className }: { fact: { kind: string; id: string; label: string; labelMessage?: MessageView }; region: string | null; className?: string }) {
  const t = useTranslations();
  const render = useText();
  const url = isKubernetesFact(fact.kind) ? null : consoleUrl(fact.id, region);
  const translated = render(fact.label, fact.labelMessage);
  const text = translated === fact.label ? chipText(fact) : chipText({ ...fact, label: translated });
  const kindKey = `factKinds.${fact.kind}`;
  // A label without a message is a name read from the cloud or the cluster: shown as it is.
  const verbatim = fact.labelMessage ? undefined : true;
  return (
    <span className={cn('inline-flex max-w-full items-baseline gap-1.5 rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-800/60', className)}>
      <span className="shrink-0 text-[10px] font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">{t.has(kindKey) ? t(kindKey) : factKindLabel(fact.kind)}</span>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer noopener" className="truncate font-mono text-sky-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-400">
          <span data-verbatim={verbatim}>{text}</span>
          <span className="sr-only"> {t('factKinds.opensConsole')}</span>
        </a>
      ) : (
        <span data-verbatim={verbatim} className="truncate font-mono">{text}</span>
      )}
    </span>
  );
}
