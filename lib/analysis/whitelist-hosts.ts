/**
 * Which whitelisted managed service an endpoint host name names, and its instance id
 * (docs/gates/whitelists.md, "Recognising the destination"). Pure.
 */
import type { WhitelistService } from './model';

/** A whitelisted instance named by a host. */
export interface WhitelistTarget {
  service: WhitelistService;
  instanceId: string;
}

const SUFFIX = String.raw`(?:\.[a-z0-9-]+)*\.rds\.aliyuncs\.com\.?$`;

/**
 * Id-carrying host patterns, most specific first: the instance id is the first label, up to a
 * `-pub` (public endpoint) suffix. A custom prefix (`orders.rwlb.rds.aliyuncs.com`) names no id.
 */
const PATTERNS: ReadonlyArray<{ service: WhitelistService; pattern: RegExp }> = [
  // Redis/Tair: r-xxx.redis.rds.aliyuncs.com, and the older r-xxx.redis.aliyuncs.com.
  { service: 'redis', pattern: /^(r-[a-z0-9]+)(?:-pub)?(?:\.[a-z0-9-]+)*\.(?:redis\.rds|redis)\.aliyuncs\.com\.?$/i },
  // MongoDB: dds-xxx[node].mongodb.rds.aliyuncs.com (see mongoInstanceId).
  { service: 'mongodb', pattern: new RegExp(String.raw`^(dds-[a-z0-9]+)(?:-pub)?\.mongodb` + SUFFIX, 'i') },
  // PolarDB: pc-xxx.mysql.polardb.rds.aliyuncs.com, pc-xxx.pg.polardb…, pc-xxx.rwlb.rds.aliyuncs.com.
  { service: 'polardb', pattern: new RegExp(String.raw`^(pc-[a-z0-9]+)(?:-pub)?` + SUFFIX, 'i') },
  // RDS: rm-xxx.mysql.rds.aliyuncs.com (pgsql, sqlserver, mariadb, rwlb, bare), pgm-xxx.pg.rds.aliyuncs.com.
  { service: 'rds', pattern: new RegExp(String.raw`^((?:rm|pgm)-[a-z0-9]+)(?:-pub)?` + SUFFIX, 'i') },
];

/** Length of the part after `dds-` in a MongoDB instance id, as every published endpoint shows. */
const MONGO_ID_LENGTH = 16;

/**
 * The MongoDB instance id in a node label: replica-set members add a node number to the
 * instance id (`dds-bp1a1e05a90b27b4` → `dds-bp1a1e05a90b27b41`, `…42`; public nodes four
 * digits). NOTE: inferred from published connection strings, not from a specification: a label
 * whose id part is not 16 characters followed by digits is taken whole.
 */
function mongoInstanceId(label: string): string {
  const body = label.slice('dds-'.length);
  if (body.length > MONGO_ID_LENGTH && /^\d+$/.test(body.slice(MONGO_ID_LENGTH))) return `dds-${body.slice(0, MONGO_ID_LENGTH)}`;
  return label;
}

/** The whitelisted service and instance a host name names; null when it names none. */
export function whitelistTargetFromHost(host: string): WhitelistTarget | null {
  const trimmed = host.trim();
  for (const { service, pattern } of PATTERNS) {
    const id = pattern.exec(trimmed)?.[1]?.toLowerCase();
    if (id) return { service, instanceId: service === 'mongodb' ? mongoInstanceId(id) : id };
  }
  return null;
}

/** Product names for sentences. */
export const WHITELIST_SERVICE_LABEL: Readonly<Record<WhitelistService, string>> = {
  rds: 'RDS',
  redis: 'Redis',
  polardb: 'PolarDB',
  mongodb: 'MongoDB',
};
