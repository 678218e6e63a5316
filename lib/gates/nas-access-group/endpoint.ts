/**
 * Recognises a General-purpose NAS mount target domain in a destination host:
 * `<fileSystemId>-<suffix>.<region>.nas.aliyuncs.com` (DescribeMountTargets' example
 * `1ca404a666-wxa89.cn-hangzhou.nas.aliyuncs.com`, file system `1ca404a666`). Pure.
 * See docs/gates/nas-access-group.md (why an address typed alone is not recognised).
 */
import type { NasMountTargetEndpoint } from './facts';

const MOUNT_TARGET_DOMAIN = /^([0-9a-z]+)-([0-9a-z]+)\.([a-z]{2,}(?:-[a-z0-9]+)+)\.nas\.aliyuncs\.com\.?$/;

/** The mount target `host` names, or null when it is no mount target domain. */
export function parseMountTargetDomain(host: string): NasMountTargetEndpoint | null {
  const name = host.trim().toLowerCase();
  const match = MOUNT_TARGET_DOMAIN.exec(name);
  if (!match?.[1] || !match[3]) return null;
  return { domain: name.replace(/\.$/, ''), fileSystemId: match[1], region: match[3] };
}
