/**
 * Why a name the pod tried got no address when PrivateZone is involved — a zone that holds the
 * name but is not bound to the pod's VPC, a disabled record, a bound zone whose `ZONE` recursion
 * hides the public name — with the PrivateZone change that fixes it (its `aliyun pvtz` line and
 * its risk), and what an unasked step means. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';
import { shellQuote } from '@/lib/fixes/aliyun-cli';

import type { DnsFinding } from './dns-reachability';
import { finding } from './dns-reachability';
import type { DnsAnswerSource, PrivateZoneRecord, PrivateZoneRef } from './dns-sources';
import type { DnsAnswer, FactRef } from './model';

const zoneTarget = (zone: PrivateZoneRef): FactRef => ({ kind: 'privateZone', id: zone.id, label: `PrivateZone ${zone.name}` });
const cli = (action: string, parameters: Array<[string, string]>): string => ['aliyun pvtz', action, ...parameters.map(([key, value]) => `--${key} ${shellQuote(value)}`)].join(' ');
const recordText = (record: PrivateZoneRecord): string => `${record.rr} ${record.type} ${record.value} (${record.enabled ? 'enabled' : 'disabled'}, RecordId ${record.id})`;

function notBound(answer: DnsAnswer, source: Extract<DnsAnswerSource, { kind: 'public' }>, facts: FactRef[]): DnsFinding | null {
  const entry = source.unboundZones.find((candidate) => candidate.records.some((record) => record.enabled));
  if (!entry) return null;
  const { zone } = entry;
  const bound = zone.vpcs.map((vpc) => vpc.vpcId).join(', ') || 'no VPC';
  const vpcs = [...zone.vpcs, { vpcId: source.vpcId, regionId: source.regionId }];
  const parameters: Array<[string, string]> = [['ZoneId', zone.id], ...vpcs.flatMap((vpc, index): Array<[string, string]> => [[`Vpcs.${index + 1}.RegionId`, vpc.regionId], [`Vpcs.${index + 1}.VpcId`, vpc.vpcId]])];
  return finding('block', `${answer.name} does not resolve from the pod's VPC: PrivateZone ${zone.name} holds it but is bound to ${bound}, not to ${source.vpcId}`, {
    decidedBy: zoneTarget(zone),
    facts: [...facts, zoneTarget(zone)],
    notes: [`Records for ${answer.name} in ${zone.name}: ${entry.records.map(recordText).join('; ')}.`, `Public DNS (${source.server}) answered ${answer.rcode} for it.`],
    fixes: [
      manualFix({
        id: 'dns-pvtz-bind-vpc',
        title: `Bind PrivateZone ${zone.name} to ${source.vpcId}`,
        description: `The VPC DNS answers a PrivateZone zone only for the VPCs it is bound to; ${zone.name} is not bound to the pod's VPC ${source.vpcId}.`,
        risk: `Every name in ${zone.name} then resolves from the zone for all of ${source.vpcId}, hiding any public records of the same names. NOTE: BindZoneVpc replaces the whole binding list, so the request repeats the VPCs already bound (${bound}); leaving one out unbinds it.`,
        target: zoneTarget(zone),
        steps: [cli('BindZoneVpc', parameters), `Check: aliyun pvtz DescribeZoneInfo --ZoneId ${zone.id}`],
      }),
    ],
  });
}

function zoneAnswer(answer: DnsAnswer, source: Extract<DnsAnswerSource, { kind: 'privateZone' }>, facts: FactRef[]): DnsFinding {
  const { zone } = source;
  const common = { decidedBy: zoneTarget(zone), facts: [...facts, zoneTarget(zone)] };
  if (source.outcome === 'recordDisabled') {
    const record = source.records.find((candidate) => !candidate.enabled) ?? source.records[0];
    const id = String(record?.id ?? '');
    return finding('block', `${answer.name} does not resolve: its record in PrivateZone ${zone.name} is disabled, and the zone answers NXDOMAIN for it`, {
      ...common,
      notes: [`Records for ${answer.name}: ${source.records.map(recordText).join('; ')}.`, `${zone.name} is bound to ${source.vpcId} with recursion ${zone.proxyPattern}.`],
      fixes: [
        manualFix({
          id: 'dns-pvtz-enable-record',
          title: `Enable the record ${record?.rr ?? answer.name} in ${zone.name}`,
          description: `The record exists but its status is DISABLE, so the VPC DNS does not answer it.`,
          risk: `Every client in the VPCs bound to ${zone.name} (${zone.vpcs.map((vpc) => vpc.vpcId).join(', ')}) resolves ${answer.name} to ${record?.value ?? 'the record value'} again; make sure the record was not disabled on purpose (e.g. during a migration).`,
          target: zoneTarget(zone),
          steps: [cli('SetZoneRecordStatus', [['RecordId', id], ['Status', 'ENABLE']])],
        }),
      ],
    });
  }
  return finding('block', `${answer.name} does not resolve: PrivateZone ${zone.name} is bound to ${source.vpcId} with recursion ZONE and has no record for it, so the VPC DNS answers NXDOMAIN instead of asking public DNS`, {
    ...common,
    notes: [`Zone ${zone.name} (${zone.id}) has no A, AAAA or CNAME record for ${answer.name}; with ProxyPattern ZONE a missing name is NXDOMAIN, with RECORD it is resolved publicly.`],
    fixes: [
      manualFix({
        id: 'dns-pvtz-recursion',
        title: `Let ${zone.name} fall through to public DNS (recursion RECORD)`,
        description: `With ProxyPattern RECORD the VPC DNS resolves names the zone lacks through public DNS; alternatively add the record for ${answer.name} to the zone.`,
        risk: `Every name of ${zone.name} that the zone lacks then resolves publicly for all bound VPCs (${zone.vpcs.map((vpc) => vpc.vpcId).join(', ')}): a name meant to stay internal-only no longer fails closed.`,
        target: zoneTarget(zone),
        steps: [cli('SetProxyPattern', [['ZoneId', zone.id], ['ProxyPattern', 'RECORD']]), `Or add the record: aliyun pvtz AddZoneRecord --ZoneId ${zone.id} --Rr <host> --Type A --Value <address>`],
      }),
    ],
  });
}

/** The PrivateZone reason for the names that did not resolve, null when PrivateZone played no part. */
export function privateZoneFinding(host: string, answers: DnsAnswer[], facts: FactRef[]): DnsFinding | null {
  const bare = host.replace(/\.$/, '').toLowerCase();
  const ordered = [...answers.filter((answer) => answer.name.toLowerCase() === bare), ...answers.filter((answer) => answer.name.toLowerCase() !== bare)];
  for (const answer of ordered) {
    const source = answer.source;
    if (source?.kind === 'privateZone' && source.outcome !== 'answered') return zoneAnswer(answer, source, facts);
    if (source?.kind === 'public' && answer.addresses.length === 0) {
      const found = notBound(answer, source, facts);
      if (found) return found;
    }
  }
  return null;
}

/** The unknown finding for a name the dashboard did not ask the way the pod asks, null when all were asked. */
export function unaskedFinding(answers: DnsAnswer[], facts: FactRef[]): DnsFinding | null {
  const answer = answers.find((candidate) => candidate.rcode === 'UNKNOWN');
  if (!answer) return null;
  const source = answer.source;
  if (source?.kind === 'forwarded') {
    return finding('unknown', `${answer.name} is forwarded by ${source.by} to ${source.servers.join(', ')}, which the dashboard does not ask: what it answers is unknown`, { facts });
  }
  const reason = source?.kind === 'unasked' ? source.reason : 'it was not asked';
  return finding('unknown', `Cannot tell how ${answer.name} resolves for the pod: ${reason}`, { facts });
}
