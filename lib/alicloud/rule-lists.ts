/**
 * Prefix lists and port lists that security-group rules name instead of a CIDR or a port
 * range: DescribePrefixListAttributes (entries by CIDR) and DescribePortRangeListEntries.
 */
import 'server-only';

import * as ecs from '@alicloud/ecs20140526';

import type { PortRangeList, PrefixList } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { toPortRange } from './convert';
import { toUpstreamError } from './errors';

/** Converts a DescribePrefixListAttributes body (`Entries.Entry[]`). */
export function toPrefixList(id: string, body: ecs.DescribePrefixListAttributesResponseBody | undefined): PrefixList {
  return {
    id: body?.prefixListId || id,
    name: body?.prefixListName ?? '',
    addressFamily: body?.addressFamily ?? 'IPv4',
    entries: (body?.entries?.entry ?? []).filter((entry) => Boolean(entry.cidr)).map((entry) => ({ cidr: entry.cidr ?? '', description: entry.description ?? '' })),
  };
}

/** Converts a DescribePortRangeListEntries body (`Entries[]`, a bare array; `PortRange` as `80/80`). */
export function toPortRangeList(id: string, body: ecs.DescribePortRangeListEntriesResponseBody | undefined): PortRangeList {
  return {
    id,
    entries: (body?.entries ?? []).map((entry) => ({ portRange: toPortRange(entry.portRange), description: entry.description ?? '' })),
  };
}

/** The prefix lists `ids`, one call each, in parallel. A list that cannot be read fails the whole read. */
export async function describePrefixLists(clients: CloudClients, ids: string[]): Promise<PrefixList[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const request = new ecs.DescribePrefixListAttributesRequest({ regionId: clients.region, prefixListId: id });
      const response = await clients.ecs.describePrefixListAttributes(request).catch((error: unknown) => {
        throw toUpstreamError(error, `DescribePrefixListAttributes ${id}`);
      });
      return toPrefixList(id, response.body);
    }),
  );
}

/** The port lists `ids`, one call each, in parallel. A list that cannot be read fails the whole read. */
export async function describePortRangeLists(clients: CloudClients, ids: string[]): Promise<PortRangeList[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const request = new ecs.DescribePortRangeListEntriesRequest({ regionId: clients.region, portRangeListId: id });
      const response = await clients.ecs.describePortRangeListEntries(request).catch((error: unknown) => {
        throw toUpstreamError(error, `DescribePortRangeListEntries ${id}`);
      });
      return toPortRangeList(id, response.body);
    }),
  );
}
