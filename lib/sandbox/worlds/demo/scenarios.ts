/**
 * The DNS records, RAM denials and scenarios of the demo world. Scenario ids are
 * those of ../shared/scenarios.md; each names its source pod, destination and the
 * result a correct diagnosis gives.
 */
import type { WorldInput } from './build-demo-world';
import { CLOUD_FIREWALL_DESTINATIONS } from './cloud-firewall';
import { INVENTORY_SLB, RDS, REDIS, rdsHost, redisHost } from './cloud-services';
import { MONGODB, mongodbHost, POLARDB, polardbHost, TRUSTED_RDS } from './cloud-whitelisted';

type Scenario = NonNullable<WorldInput['scenarios']>[number];
type DnsRecordInput = NonNullable<NonNullable<WorldInput['dns']>['records']>[number];

/** Records the sandbox DNS answers: public partner hosts and the VPC endpoints of RDS/Redis. */
export function dnsRecords(): DnsRecordInput[] {
  return [
    { name: 'api.partner.example.com', type: 'A', value: '203.0.113.20', ttl: 300 },
    { name: 'files.partner.example.com', type: 'A', value: '203.0.113.21', ttl: 300 },
    { name: 'hooks.paygate.example.net', type: 'CNAME', value: 'edge.paygate.example.net', ttl: 600 },
    { name: 'edge.paygate.example.net', type: 'A', value: '198.51.100.40', ttl: 60 },
    { name: 'edge.paygate.example.net', type: 'A', value: '198.51.100.41', ttl: 60 },
    { name: 'status.partner.example.com', type: 'AAAA', value: '2001:db8:20::20', ttl: 300 },
    { name: rdsHost(RDS.orders.id), type: 'A', value: RDS.orders.ip, ttl: 30 },
    { name: rdsHost(RDS.finance.id), type: 'A', value: RDS.finance.ip, ttl: 30 },
    { name: rdsHost(RDS.ackBilling.id), type: 'A', value: RDS.ackBilling.ip, ttl: 30 },
    { name: redisHost(REDIS.cart.id), type: 'A', value: REDIS.cart.ip, ttl: 30 },
    { name: rdsHost(TRUSTED_RDS.reporting.id), type: 'A', value: TRUSTED_RDS.reporting.ip, ttl: 30 },
    { name: polardbHost(POLARDB.fulfillment.id), type: 'A', value: POLARDB.fulfillment.ip, ttl: 30 },
    { name: mongodbHost(MONGODB.reviews.id), type: 'A', value: MONGODB.reviews.ip, ttl: 30 },
    { name: mongodbHost(MONGODB.reviews.id, 2), type: 'A', value: MONGODB.reviews.secondaryIp, ttl: 30 },
    // cname-dead-end: two aliases that point at each other, so no name in the chain has an address.
    { name: 'cdn.partner.example.com', type: 'CNAME', value: 'cdn-edge.partner.example.com', ttl: 300 },
    { name: 'cdn-edge.partner.example.com', type: 'CNAME', value: 'cdn.partner.example.com', ttl: 300 },
    // dns-one-address-blocked: two A records; the security team's deny list holds only the first.
    { name: 'ingest.adtrack.example.com', type: 'A', value: '203.0.113.7', ttl: 60 },
    { name: 'ingest.adtrack.example.com', type: 'A', value: '203.0.113.8', ttl: 60 },
    // pvtz-zone-nxdomain: public, but a PrivateZone zone with ZONE recursion bound to the ACS VPC hides it.
    { name: 'api.shipping.example.org', type: 'A', value: '203.0.113.30', ttl: 300 },
  ];
}

/** What the dashboard's RAM identity may not read (rds-forbidden). */
export function ramDeny(): Array<{ action: string; resource?: string }> {
  return [{ action: 'DescribeDBInstanceIPArrayList', resource: RDS.finance.id }];
}

function scenario(
  id: string,
  title: string,
  source: `${string}/${string}/${string}`,
  destination: string,
  port: number,
  verdict: Scenario['expect']['verdict'],
  blockingHop: Scenario['expect']['blockingHop'],
): Scenario {
  const [cluster = '', namespace = '', pod = ''] = source.split('/');
  return { id, title, cluster, namespace, pod, destination, port, protocol: 'tcp', expect: { verdict, blockingHop } };
}

export function scenarios(): Scenario[] {
  const acs = (namespace: string, pod: string) => `acs-prod/${namespace}/${pod}` as const;
  const ack = (namespace: string, pod: string) => `ack-flannel/${namespace}/${pod}` as const;
  return [
    scenario('internet-ok', 'Pod reaches a partner API through the NAT gateway', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'api.partner.example.com', 443, 'reachable', null),
    scenario('pod-eip-ok', 'Pod with its own EIP reaches the Internet without a NAT route', acs('edge', 'game-relay-5f9d8c7b6-s2v6y'), '198.51.100.25', 443, 'reachable', null),
    scenario('dns-nxdomain', 'Typo in the host name: NXDOMAIN', acs('shop', 'partner-sync-5f7b9c6d4-qw7rt'), 'api.partnr.example.com', 443, 'blocked', 'dns'),
    scenario('dns-policy-denied', 'Egress policy allows HTTPS but not DNS', acs('reports', 'report-exporter-7b5d8c9f6-k8j3n'), 'api.partner.example.com', 443, 'blocked', 'dns'),
    scenario('netpol-deny', 'NetworkPolicy ipBlock excludes the destination', acs('partners', 'partner-gateway-66f8d7c9b4-w2x9m'), '203.0.113.10', 443, 'blocked', 'networkPolicy'),
    scenario('sg-drop', 'Security group drop rule outranks the accept rule', acs('payments', 'payment-notifier-5d6c7b8f9-v6b2c'), 'hooks.paygate.example.net', 443, 'blocked', 'securityGroup'),
    scenario('sg-prefix-list-drop', 'Security group drop rule whose destination is a prefix list holding the host, next to an accept-all', acs('shop', 'loyalty-sync-6d8b7c9f5-m3q8z'), 'api.partner.example.com', 443, 'blocked', 'securityGroup'),
    scenario('dns-one-address-blocked', 'The name has two addresses and the security group drops one of them: it fails sometimes', acs('shop', 'loyalty-sync-6d8b7c9f5-m3q8z'), 'ingest.adtrack.example.com', 443, 'blocked', 'securityGroup'),
    scenario('no-nat-route', 'vSwitch route table has no route to the Internet', acs('batch', 'invoice-batch-29383920-7xk2p'), 'api.partner.example.com', 443, 'blocked', 'natEip'),
    scenario('snat-missing', 'NAT route exists but no SNAT entry covers the vSwitch', acs('batch', 'data-sync-7c6b5d8f9-l4k9t'), 'files.partner.example.com', 443, 'blocked', 'natEip'),
    scenario('nacl-deny', 'Network ACL of the vSwitch denies outbound HTTPS', acs('payments', 'card-tokenizer-6c5b9d8f7-d8f3g'), 'api.partner.example.com', 443, 'blocked', 'networkAcl'),
    scenario('ecs-sg-inbound', 'Destination ECS security group does not admit the pod', acs('orders', 'order-api-5c7d8f9b6-k2m4x'), '10.0.2.15', 8080, 'blocked', 'destinationAcl'),
    scenario('slb-acl', 'Internal CLB listener whitelist lacks the pod vSwitch', acs('orders', 'inventory-client-6f7d8c9b5-r7t9w'), INVENTORY_SLB.address, 80, 'blocked', 'destinationAcl'),
    scenario('rds-whitelist', 'RDS whitelist holds only 127.0.0.1', acs('orders', 'order-worker-6d9f7b8c5-b3n6q'), rdsHost(RDS.orders.id), 3306, 'blocked', 'whitelist'),
    scenario('rds-by-address-blocked', "The pod asks for the RDS instance's VPC address directly; its whitelist lacks the pod", acs('orders', 'order-worker-6d9f7b8c5-b3n6q'), RDS.orders.ip, 3306, 'blocked', 'whitelist'),
    scenario('redis-ok', 'Redis whitelist holds the pod vSwitch CIDR', acs('shop', 'cart-service-7f8b9c6d5-z4x2c'), redisHost(REDIS.cart.id), 6379, 'reachable', null),
    scenario('lb-hairpin', 'LoadBalancer Service with externalTrafficPolicy Local, no backend on this node', acs('shop', 'cart-worker-74c9d8b6f5-n3m7p'), '198.51.100.80', 443, 'blocked', 'lbPolicy'),
    scenario('lb-cluster-ok', 'LoadBalancer Service with externalTrafficPolicy Cluster', acs('shop', 'recommender-5b8c9d7f6-j6h2k'), '198.51.100.81', 80, 'reachable', null),
    scenario('rds-forbidden', 'The dashboard may not read this RDS whitelist (Forbidden.RAM)', acs('finance', 'ledger-report-59c8d7b6f4-q5w8e'), rdsHost(RDS.finance.id), 3306, 'unknown', null),
    scenario('flannel-rds-nodeip', 'RDS whitelist holds the pod CIDR, but Flannel traffic comes from the node IP', ack('billing', 'billing-api-84c6d9f7b5-w7q2n'), rdsHost(RDS.ackBilling.id), 3306, 'blocked', 'whitelist'),
    scenario('cname-dead-end', 'The name is an alias chain that loops: no address to connect to', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'cdn.partner.example.com', 443, 'blocked', 'dns'),
    scenario('snat-eip-detached', 'The SNAT entry for the pod names an EIP that is associated with nothing', acs('shop', 'price-feed-6b7c8d9f5-p3r8v'), 'api.partner.example.com', 443, 'blocked', 'natEip'),
    scenario('loopback-destination', 'Pod calls its own sidecar on 127.0.0.1: the traffic never leaves the pod', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), '127.0.0.1', 15000, 'reachable', null),
    scenario('metadata-destination', 'Pod reads the instance metadata service, served by its host', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), '100.100.100.200', 80, 'reachable', null),
    scenario('ipv6-no-address', 'IPv6-only partner host from a pod without an IPv6 address', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'status.partner.example.com', 443, 'blocked', 'podEgress'),
    scenario('pvtz-ok', 'Name answered by a PrivateZone zone bound to the VPC', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'api.partner.internal', 443, 'reachable', null),
    scenario('pvtz-not-bound', 'PrivateZone zone holds the name but is bound to another VPC', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'gateway.billing.internal', 443, 'blocked', 'dns'),
    scenario('pvtz-record-disabled', 'PrivateZone record of the name is disabled', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'files.partner.internal', 443, 'blocked', 'dns'),
    scenario('pvtz-zone-nxdomain', 'PrivateZone zone with ZONE recursion hides the public name', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), 'api.shipping.example.org', 443, 'blocked', 'dns'),
    scenario('rds-trusted-sg-ok', 'RDS admits the pod through a trusted security group, with no IP entry for it', acs('finance', 'ledger-api-6c8d9b7f5-r4t7y'), rdsHost(TRUSTED_RDS.reporting.id), 3306, 'reachable', null),
    scenario('polardb-whitelist', 'PolarDB whitelist admits the zone-H pods only, and trusts another security group', acs('orders', 'fulfillment-api-7b9c8d6f5-c5v8n'), polardbHost(POLARDB.fulfillment.id), 3306, 'blocked', 'whitelist'),
    scenario('mongodb-ok', 'MongoDB replica-set member whose whitelist holds the pod vSwitch CIDR', acs('shop', 'review-service-5d7f8b9c6-h8k3w'), mongodbHost(MONGODB.reviews.id), 3717, 'reachable', null),
    scenario('coredns-stub-forward', 'The Corefile forwards the IDC zone to DNS servers the CoreDNS side’s security group cannot reach', ack('billing', 'billing-api-84c6d9f7b5-w7q2n'), 'ldap.idc.example.internal', 636, 'blocked', 'dns'),
    scenario('nodelocal-dns-ok', 'Name resolved through NodeLocal DNSCache on the node, then CoreDNS and the VPC DNS', ack('gateway', 'edge-proxy-5c8d7b9f6-t6w3k'), 'api.partner.example.com', 443, 'reachable', null),
    scenario('cfw-nat-deny', 'The NAT firewall of the NAT gateway drops the pod vSwitch to an unvetted SaaS address', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), CLOUD_FIREWALL_DESTINATIONS.natDenied, 443, 'blocked', 'cloudFirewall'),
    scenario('cfw-internet-deny', 'The Internet border firewall drops the SNAT EIP to a flagged host', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), CLOUD_FIREWALL_DESTINATIONS.borderDenied, 443, 'blocked', 'cloudFirewall'),
    scenario('cfw-vpc-deny', 'The VPC border firewall on the CEN transit router drops acs-prod to a database in the shared-services VPC', acs('shop', 'storefront-web-7d9c8b6f5-x2lqk'), CLOUD_FIREWALL_DESTINATIONS.peerVpcDenied, 5432, 'blocked', 'cloudFirewall'),
    scenario('cfw-disabled-ok', 'A border drop exists, but Cloud Firewall is not enabled for this NAT gateway or its EIP', ack('notifications', 'webhook-sender-6f9b8c7d5-c4k8s'), CLOUD_FIREWALL_DESTINATIONS.denyWhereOff, 443, 'reachable', null),
    scenario('flannel-internet-ok', 'Flannel pod reaches the Internet through the node vSwitch NAT', ack('notifications', 'webhook-sender-6f9b8c7d5-c4k8s'), 'api.partner.example.com', 443, 'reachable', null),
  ];
}
