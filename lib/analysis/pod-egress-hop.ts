/**
 * Hop 2: whether the packet leaves the pod at all. Addresses that never cross the VPC
 * (loopback, link-local, the metadata service, non-unicast) get their own plain answer, and a
 * destination of an address family the pod holds no address of is blocked here. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { makeHop, ref, skipHop, unknownHop } from './hop-helpers';
import { msg } from './message';
import { parseIp } from './ip';
import type { Hop, HopKind, PathContext, PathFacts, Pod } from './model';
import { METADATA_ADDRESS, specialAddress } from './special-addresses';

const KIND = 'podEgress';

const familyName = (version: 4 | 6): string => (version === 4 ? 'IPv4' : 'IPv6');

/** The pod's addresses of each family (`status.podIPs`, or `status.podIP` when that is empty). */
function podAddresses(pod: Pod): { 4: string[]; 6: string[] } {
  const all = pod.ips.length > 0 ? pod.ips : pod.ip ? [pod.ip] : [];
  const of = (version: 4 | 6) => all.filter((address) => parseIp(address)?.version === version);
  return { 4: of(4), 6: of(6) };
}

const podRef = (pod: Pod) => ref('pod', `${pod.namespace}/${pod.name}`);

function familyHop(facts: PathFacts, address: string, version: 4 | 6): Hop | null {
  const pod = facts.cluster.pod;
  const held = podAddresses(pod);
  const podId = `${pod.namespace}/${pod.name}`;
  if (held[version].length > 0) return null;
  const family = familyName(version);
  const other = familyName(version === 4 ? 6 : 4);
  const has = held[version === 4 ? 6 : 4];
  if (has.length === 0) return unknownHop(KIND, `the pod ${podId} has no IP address yet`, { facts: [podRef(pod)] });
  return makeHop(KIND, 'block', `The pod has no ${family} address: it cannot send to ${address}`, {
    evidence: {
      facts: [podRef(pod)],
      decidedBy: podRef(pod),
      notes: [`${podId} holds only ${other} (${has.join(', ')}). A socket of one family cannot reach an address of the other; no later hop is evaluated.`],
    },
    fixes: [
      manualFix({
        id: `podEgress-family-${version === 6 ? 'ipv6' : 'ipv4'}`,
        title: version === 6 ? `Reach ${facts.request.host} over IPv4, or give the pod an IPv6 address` : `Reach ${facts.request.host} over IPv6, or give the pod an IPv4 address`,
        description: `The destination is ${family}; the pod has only ${other}.`,
        risk: version === 6 ? 'Dual stack gives pods an IPv6 address that the IPv6 gateway can expose to the Internet: review the security groups\' IPv6 rules first.' : 'None for the network: only the address the client uses changes.',
        target: podRef(pod),
        steps:
          version === 6
            ? [
                `Use the destination's IPv4 address (an A record) instead of ${address}`,
                'Or run the workload in a dual-stack cluster: IPv6 enabled on the VPC and the pod vSwitches, and pods given IPv6 addresses',
                'Then route ::/0 to an IPv6 gateway and open Internet bandwidth for the pod\'s IPv6 address',
              ]
            : [`Use the destination's IPv6 address (an AAAA record) instead of ${address}`, 'Or give the pod an IPv4 address (dual stack)'],
      }),
    ],
  });
}

/**
 * The podEgress hop: loopback (and 0.0.0.0 / ::) → `pass`, the traffic never leaves the pod;
 * the metadata service → `pass`, served by the pod's host; link-local → `unknown`, whatever
 * answers on the pod's link is not read; "this network" and non-unicast addresses → `block`; a
 * destination of a family the pod holds no address of → `block`; otherwise `skip`: the packet
 * leaves the pod and the later hops decide.
 */
export function evaluatePodEgressHop(facts: PathFacts, path: PathContext): Hop {
  const address = path.destination.addresses[0];
  const ip = address === undefined ? null : parseIp(address);
  if (address === undefined || ip === null) return skipHop(KIND, 'no address to evaluate');
  const { protocol, port } = facts.request;
  const special = specialAddress(address);
  const notListening = `Whether a process listens on ${protocol}/${port} is not read: this diagnosis reads the network, not the pod's sockets.`;
  if (special === null) return familyHop(facts, address, ip.version) ?? skipHop(KIND, msg('analysis.podEgress.unicastOutside', { address, family: familyName(ip.version) }));
  switch (special.kind) {
    case 'loopback':
      return makeHop(KIND, 'pass', `${address} is ${special.name}: the traffic never leaves the pod`, {
        evidence: {
          facts: [podRef(facts.cluster.pod)],
          notes: ['No NetworkPolicy, security group, network ACL or NAT applies to traffic inside the pod; every container of the pod shares this address.', notListening],
        },
      });
    case 'metadata':
      return makeHop(KIND, 'pass', `${address} is ${special.name}, served by the pod's host: it does not cross the VPC`, {
        evidence: {
          notes: [
            `Alibaba Cloud answers ${METADATA_ADDRESS} from the host the pod runs on (the ECS node in ACK, the pod's sandbox host in ACS); security groups, network ACLs and NAT do not apply.`,
            'An egress NetworkPolicy does apply (evaluated in its hop): restricting pods from the metadata service is done that way.',
            'What it answers depends on the instance RAM role; prefer RRSA over the node role for pod credentials.',
          ],
        },
      });
    case 'linkLocal': {
      const aws = address === '169.254.169.254' ? ' 169.254.169.254 is the metadata address of other clouds; Alibaba Cloud serves none there.' : '';
      return unknownHop(KIND, `${address} is link-local: it never leaves the pod's link, and what answers on that link (the pod's host side) is not read.${aws} Alibaba Cloud's metadata service is ${METADATA_ADDRESS}`, {
        notes: [notListening],
      });
    }
    case 'unspecified':
    case 'nonUnicast':
      return makeHop(KIND, 'block', `${address} is ${special.name}: not a unicast destination, so the traffic goes nowhere`, {
        evidence: { notes: [`${special.range}: a VPC carries unicast traffic only, and a ${protocol.toUpperCase()} connection needs one peer.`] },
        fixes: [
          manualFix({
            id: 'podEgress-unicast-address',
            title: `Use the unicast address of the service instead of ${address}`,
            description: `${address} is in ${special.range} (${special.name}).`,
            risk: 'None: only the address the client uses changes.',
            target: ref('destination', address),
            steps: ['Check the address the client is configured with (a typo, or an unset variable defaulting to it)', 'Use the service\'s host name or unicast IP address'],
          }),
        ],
      });
    default: {
      const unreachable: never = special.kind;
      throw new Error(`unhandled special address kind ${String(unreachable)}`);
    }
  }
}

/**
 * When the podEgress hop settles the path, the later hops do not run: the reason they are
 * skipped, and the hops that still apply (NetworkPolicy for the metadata service). Null when
 * the packet leaves the pod and every hop runs.
 */
export function settledAtPod(podEgress: Hop, path: PathContext): { reason: string; stillApply: HopKind[] } | null {
  switch (path.destination.kind) {
    case 'loopback':
      return { reason: 'the traffic never leaves the pod', stillApply: [] };
    case 'metadata':
      return { reason: 'served by the pod\'s host: no security group, network ACL, NAT or destination control on the way', stillApply: ['networkPolicy'] };
    case 'linkLocal':
      return { reason: 'link-local: the traffic never leaves the pod\'s link', stillApply: [] };
    case 'unspecified':
    case 'nonUnicast':
      return { reason: 'not a unicast destination: the traffic goes nowhere', stillApply: [] };
    default:
      return podEgress.verdict === 'block' ? { reason: 'blocked at the pod: the traffic never leaves it', stillApply: [] } : null;
  }
}
