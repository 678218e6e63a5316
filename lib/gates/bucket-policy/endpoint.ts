/**
 * Recognises an OSS endpoint in a destination: virtual-hosted `<bucket>.oss-<region>[-internal].aliyuncs.com`
 * and path-style `oss-<region>[-internal].aliyuncs.com/<bucket>/<key>`. Pure.
 * See docs/gates/oss-bucket-policy.md.
 */
import type { OssEndpoint } from './facts';

/** Bucket names: 3–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
const BUCKET = '[a-z0-9][a-z0-9-]{1,61}[a-z0-9]';
/** `oss-<region>[-internal]`; the global acceleration endpoints (`oss-accelerate…`) name no region. */
const REGION_ENDPOINT = 'oss-(?!accelerate)([a-z]{2,}(?:-[a-z0-9]+)+?)(-internal)?\\.aliyuncs\\.com';
const VIRTUAL_HOSTED = new RegExp(`^(${BUCKET})\\.${REGION_ENDPOINT}\\.?$`, 'i');
const PATH_STYLE_HOST = new RegExp(`^${REGION_ENDPOINT}\\.?$`, 'i');

/** The path of a destination as typed (`https://host/…`, `host[:port]/…`), without query and fragment. */
function pathOf(destination: string): string {
  const withoutScheme = destination.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  if (slash === -1) return '';
  return withoutScheme.slice(slash).replace(/[?#].*$/, '');
}

function decodeKey(segments: string[]): string | null {
  const key = segments.join('/');
  if (key === '') return null;
  try {
    return decodeURIComponent(key);
  } catch {
    // A malformed escape: keep the key as typed.
    return key;
  }
}

/**
 * The OSS endpoint `host` (and the URL path of `destination`) names, or null when the host is
 * no regional OSS endpoint or a path-style URL names no bucket.
 */
export function parseOssEndpoint(host: string, destination: string): OssEndpoint | null {
  const name = host.trim().toLowerCase();
  const segments = pathOf(destination).split('/').filter((segment) => segment !== '');
  const hosted = VIRTUAL_HOSTED.exec(name);
  if (hosted?.[1] && hosted[2]) {
    return { bucket: hosted[1], region: hosted[2], internal: hosted[3] !== undefined, style: 'virtualHosted', objectKey: decodeKey(segments) };
  }
  const pathStyle = PATH_STYLE_HOST.exec(name);
  const [bucket, ...key] = segments;
  if (!pathStyle?.[1] || bucket === undefined || !new RegExp(`^${BUCKET}$`).test(bucket)) return null;
  return { bucket, region: pathStyle[1], internal: pathStyle[2] !== undefined, style: 'path', objectKey: decodeKey(key) };
}

/** The endpoint host of `region`: `oss-<region>[-internal].aliyuncs.com`. */
export function ossEndpointHost(region: string, internal: boolean): string {
  return `oss-${region}${internal ? '-internal' : ''}.aliyuncs.com`;
}
