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
  const { request, source, destination } = diagnosis;
  const none = <span className="text-slate-400">—</span>;
  return (
    <div className="grid gap-x-6 gap-y-3 text-xs sm:grid-cols-2 lg:grid-cols-1">
      <section aria-labelledby="summary-source">
        <h3 id="summary-source" className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Source
        </h3>
        <dl>
          <Row term="Pod">
            {request.cluster} / {request.namespace} / {request.pod}
          </Row>
          <Row term="Pod IP">{source.podIp ?? none}</Row>
          <Row term="Seen as">{source.sourceAddress ?? none}</Row>
          <Row term="Network mode">{source.networkMode === 'vpc' ? 'VPC (pod ENI)' : 'Flannel (node IP)'}</Row>
          <Row term="vSwitch">{source.vSwitchId ? `${source.vSwitchId}${source.vSwitchCidr ? ` (${source.vSwitchCidr})` : ''}` : none}</Row>
          <Row term="Security groups">{source.securityGroupIds.length > 0 ? source.securityGroupIds.join(', ') : none}</Row>
          {source.eip ? <Row term="EIP">{source.eip}</Row> : null}
        </dl>
      </section>
      <section aria-labelledby="summary-destination">
        <h3 id="summary-destination" className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Destination
        </h3>
        <dl>
          <Row term="Asked">{request.destination}</Row>
          <Row term="Port">
            {request.port}/{request.protocol}
          </Row>
          <Row term="Kind">
            <span className="font-sans">{DESTINATION_KINDS[destination.kind]}</span>
            {destination.label !== DESTINATION_KINDS[destination.kind] ? <span className="font-sans text-slate-500 dark:text-slate-400"> · {destination.label}</span> : null}
          </Row>
          <Row term="Addresses">{destination.addresses.length > 0 ? destination.addresses.join(', ') : none}</Row>
          {destination.resourceId ? <Row term="Resource">{destination.resourceId}</Row> : null}
        </dl>
      </section>
    </div>
  );
}
