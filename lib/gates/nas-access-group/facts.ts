/**
 * The facts the NAS permission-group gate reads (hop kind `nasAccessGroup`, NAS 2017-06-26,
 * docs/gates/nas-access-group.md): which mount target the destination names, that mount target
 * as DescribeMountTargets answers it, and the rules of its permission group (DescribeAccessRules).
 * Pure data.
 */
import type { Fact } from '@/lib/analysis/model';

import type { NasAccessGroupWorld } from './world-schema';

/** The permission group every account has: it allows read and write from every address of the VPC, and cannot be changed. */
export const DEFAULT_VPC_GROUP_NAME = 'DEFAULT_VPC_GROUP_NAME';

/** A destination that is a NAS mount target domain (`<fileSystemId>-<suffix>.<region>.nas.aliyuncs.com`). */
export interface NasMountTargetEndpoint {
  /** The mount target domain, lower-case, without a trailing dot. */
  domain: string;
  /** The file system the domain belongs to (the domain's first label up to its first hyphen). */
  fileSystemId: string;
  region: string;
}

/** One DescribeMountTargets `MountTargets.MountTarget[]` item. */
export interface NasMountTarget {
  /** `MountTargetDomain`. */
  domain: string;
  /** `AccessGroup`: the name of the permission group the mount target applies. */
  accessGroup: string;
  /** `NetworkType`: Vpc or Classic. */
  networkType: string;
  /** `Status`: Active (mountable), Inactive, Pending, … */
  status: string;
  /** `VpcId` (Vpc network type). */
  vpcId: string | null;
  /** `VswId` (Vpc network type). */
  vSwitchId: string | null;
}

/** One DescribeAccessRules `AccessRules.AccessRule[]` item. */
export interface NasAccessRule {
  /** `AccessRuleId`. */
  id: string;
  /** `SourceCidrIp`: an address or a CIDR block (IPv4); empty when the rule is IPv6 only. */
  sourceCidrIp: string;
  /** `Ipv6SourceCidrIp`, empty when none. */
  ipv6SourceCidrIp: string;
  /** `RWAccess`: RDWR (read and write) or RDONLY. */
  rwAccess: 'RDWR' | 'RDONLY';
  /** `UserAccess`: no_squash, root_squash or all_squash. */
  userAccess: string;
  /** `Priority`: 1–100, 1 the highest; when several rules match an address, the highest priority one applies. */
  priority: number;
}

/** What the gate read for a destination that is a mount target domain. */
export interface NasAccessGroupFacts {
  endpoint: NasMountTargetEndpoint;
  /** The mount target; null when the file system has none with this domain (or the file system does not exist). */
  mountTarget: NasMountTarget | null;
  /** The rules of its permission group; null when not read (no mount target, or the default group, whose rule is documented). */
  rules: Fact<NasAccessRule[]> | null;
}

declare module '../types' {
  interface GateFactsMap {
    /** Null when the destination is no NAS mount target domain (nothing read). */
    nasAccessGroup: NasAccessGroupFacts | null;
  }
  interface GateWorldMap {
    nasAccessGroup: NasAccessGroupWorld;
  }
}
