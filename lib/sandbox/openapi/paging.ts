/** The two pagination styles of Alibaba Cloud Describe* actions. */
import { invalidParameter } from './fault';
import type { RequestParams } from './request-params';

/** A page picked by PageNumber/PageSize, with the fields the real responses carry. */
export function pageByNumber<T>(
  items: readonly T[],
  params: RequestParams,
  limits: { defaultSize: number; maxSize: number },
): { items: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const pageNumber = params.integer('PageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = params.integer('PageSize', limits.defaultSize, 1, limits.maxSize);
  const start = (pageNumber - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), PageNumber: pageNumber, PageSize: pageSize, TotalCount: items.length };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * A page picked by NextToken and a size parameter (`MaxResults`, or `MaxResult` in
 * DescribeRouteEntryList). `NextToken` is empty on the last page, as the real actions do.
 */
export function pageByToken<T>(
  items: readonly T[],
  params: RequestParams,
  limits: { sizeParam?: string; defaultSize: number; maxSize: number },
): { items: T[]; NextToken: string; MaxResults: number } {
  const sizeParam = limits.sizeParam ?? 'MaxResults';
  const size = params.integer(sizeParam, limits.defaultSize, 1, limits.maxSize);
  const token = params.get('NextToken');
  const start = token === undefined ? 0 : decodeToken(token);
  if (start === undefined) throw invalidParameter('NextToken', token ?? '', 'InvalidNextToken.Malformed');
  const end = start + size;
  return { items: items.slice(start, end), NextToken: end < items.length ? encodeToken(end) : '', MaxResults: size };
}

/** True when the request asks for token pagination (either parameter present). */
export function wantsToken(params: RequestParams, sizeParam = 'MaxResults'): boolean {
  return params.get('NextToken') !== undefined || params.get(sizeParam) !== undefined;
}
