/**
 * The XML bodies of the sandbox OSS endpoint, in the shapes OSS answers: errors
 * (`<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId><HostId>…</HostId>…</Error>`),
 * GetBucketAcl's `AccessControlPolicy` and GetBucketInfo's `BucketInfo`.
 */

/** An OSS error answer: HTTP status, code, message and the extra elements OSS adds (BucketName, OSSAccessKeyId, StringToSign…). */
export class OssFault extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, string>;

  constructor(status: number, code: string, message: string, extra: Record<string, string> = {}) {
    super(message);
    this.name = 'OssFault';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<Name>value</Name>` for each entry, values escaped; nested objects become nested elements. */
export function elements(entries: Record<string, string | Record<string, string | Record<string, string>>>): string {
  return Object.entries(entries)
    .map(([name, value]) => `<${name}>${typeof value === 'string' ? escapeXml(value) : elements(value)}</${name}>`)
    .join('');
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function errorXml(fault: OssFault, requestId: string, hostId: string): string {
  return `${PROLOG}<Error>${elements({ Code: fault.code, Message: fault.message, RequestId: requestId, HostId: hostId, ...fault.extra })}</Error>\n`;
}

export interface BucketOwner {
  ID: string;
  DisplayName: string;
}

export function aclXml(owner: BucketOwner, grant: string): string {
  return `${PROLOG}<AccessControlPolicy>${elements({ Owner: { ID: owner.ID, DisplayName: owner.DisplayName }, AccessControlList: { Grant: grant } })}</AccessControlPolicy>\n`;
}

export function bucketInfoXml(bucket: { name: string; region: string; creationDate: string; storageClass: string; grant: string; owner: BucketOwner }): string {
  return `${PROLOG}<BucketInfo><Bucket>${elements({
    AccessMonitor: 'Disabled',
    CreationDate: bucket.creationDate,
    ExtranetEndpoint: `oss-${bucket.region}.aliyuncs.com`,
    IntranetEndpoint: `oss-${bucket.region}-internal.aliyuncs.com`,
    Location: `oss-${bucket.region}`,
    StorageClass: bucket.storageClass,
    Name: bucket.name,
    Owner: { DisplayName: bucket.owner.DisplayName, ID: bucket.owner.ID },
    AccessControlList: { Grant: bucket.grant },
  })}</Bucket></BucketInfo>\n`;
}
