import { useTranslations } from 'next-intl';

import type { DiagnosisView } from '@/lib/schemas/diagnosis';

const DESTINATION_KINDS: Record<DiagnosisView['destination']['kind'], string> = {
  loopback: 'Loopback (inside the pod)',
  unspecified: 'Not a destination (0.0.0.0/8)',
  linkLocal: 'Link-local (the pod\'s link)',
  metadata: 'Metadata service (the pod\'s host)',
  nonUnicast: 'Not unicast (multicast, broadcast, reserved)',
  internet: 'Internet',
  vpc: 'VPC address',
  ecs: 'ECS instance',
  slb: 'SLB',
  rds: 'RDS',
  redis: 'Redis',
  polardb: 'PolarDB',
  mongodb: 'MongoDB',
  clusterLoadBalancer: 'LoadBalancer Service (this cluster)',
  clusterService: 'Service (this cluster)',
  clusterPod: 'Pod (this cluster)',
  unresolved: 'Unresolved name',
};

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 py-0.5">
      <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 font-mono break-all">{children}</dd>
    </div>
  );
}

/** Who talks to whom, as the network sees it: source pod, address, vSwitch, groups → destination and its addresses. */
export function RequestSummary({ diagnosis }: { diagnosis: Pick<DiagnosisView, 'request' | 'source' | 'destination'> }) {
  const t = useTranslations();
  const { request, source, destination } = diagnosis;
  const none = <span className="text-slate-400">—</span>;
  return (
    <div className="grid gap-x-6 gap-y-3 text-xs sm:grid-cols-2 lg:grid-cols-1">
      <section aria-labelledby="summary-source">
        <h3 id="summary-source" className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          {t('request.source')}
        </h3>
        <dl>
          <Row term={t('request.pod')}>
            {request.cluster} / {request.namespace} / {request.pod}
          </Row>
          <Row term={t('request.podIp')}>{source.podIp ?? none}</Row>
          <Row term={t('request.seenAs')}>{source.sourceAddress ?? none}</Row>
          <Row term={t('request.networkMode')}>{source.networkMode === 'vpc' ? t('request.modeVpc') : t('request.modeFlannel')}</Row>
          <Row term={t('request.vSwitch')}>{source.vSwitchId ? `${source.vSwitchId}${source.vSwitchCidr ? ` (${source.vSwitchCidr})` : ''}` : none}</Row>
          <Row term={t('request.securityGroups')}>{source.securityGroupIds.length > 0 ? source.securityGroupIds.join(', ') : none}</Row>
          {source.eip ? <Row term={t('request.eip')}>{source.eip}</Row> : null}
        </dl>
      </section>
      <section aria-labelledby="summary-destination">
        <h3 id="summary-destination" className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          {t('request.destination')}
        </h3>
        <dl>
          <Row term={t('request.asked')}>{request.destination}</Row>
          <Row term={t('request.port')}>
            {request.port}/{request.protocol}
          </Row>
          <Row term={t('request.kind')}>
            <span className="font-sans">{t(`destinationKinds.${destination.kind}`)}</span>
            {destination.label !== DESTINATION_KINDS[destination.kind] ? <span className="font-sans text-slate-500 dark:text-slate-400"> · {destination.label}</span> : null}
          </Row>
          <Row term={t('request.addresses')}>{destination.addresses.length > 0 ? destination.addresses.join(', ') : none}</Row>
          {destination.resourceId ? <Row term={t('request.resource')}>{destination.resourceId}</Row> : null}
        </dl>
      </section>
    </div>
  );
}
