/** Route tables: the table from DescribeRouteTableList, its entries from DescribeRouteEntryList. */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { RouteEntry, RouteTable } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import type { CloudClients } from './clients';
import { toUpstreamError } from './errors';
import { collectByNumber, collectByToken } from './paging';

type WireRouteEntry = vpc.DescribeRouteEntryListResponseBodyRouteEntrysRouteEntry;
type WireRouteTable = vpc.DescribeRouteTableListResponseBodyRouterTableListRouterTableListType;

/** Converts one `RouteEntrys.RouteEntry[]` item (ECMP routes have several next hops). */
export function toRouteEntry(raw: WireRouteEntry): RouteEntry {
  return {
    id: raw.routeEntryId ?? '',
    destinationCidr: raw.destinationCidrBlock ?? '',
    type: raw.type ?? '',
    status: raw.status ?? '',
    nextHops: (raw.nextHops?.nextHop ?? []).map((hop) => ({ type: hop.nextHopType ?? '', id: hop.nextHopId ?? '' })),
  };
}

/** Joins a `RouterTableList.RouterTableListType[]` item with its entries. */
export function toRouteTable(raw: WireRouteTable, entries: RouteEntry[]): RouteTable {
  return {
    id: raw.routeTableId ?? '',
    type: raw.routeTableType ?? '',
    vpcId: raw.vpcId ?? '',
    vSwitchIds: raw.vSwitchIds?.vSwitchId ?? [],
    entries,
  };
}

async function readTable(clients: CloudClients, id: string): Promise<WireRouteTable | undefined> {
  const tables = await collectByNumber(50, async (pageNumber) => {
    const request = new vpc.DescribeRouteTableListRequest({ regionId: clients.region, routeTableId: id, pageNumber, pageSize: 50 });
    const response = await clients.vpc.describeRouteTableList(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeRouteTableList ${id}`);
    });
    return { items: response.body?.routerTableList?.routerTableListType ?? [], totalCount: response.body?.totalCount };
  });
  return tables.find((table) => table.routeTableId === id);
}

async function readEntries(clients: CloudClients, id: string): Promise<RouteEntry[]> {
  const entries = await collectByToken(async (nextToken) => {
    const request = new vpc.DescribeRouteEntryListRequest({ regionId: clients.region, routeTableId: id, maxResult: 100, nextToken });
    const response = await clients.vpc.describeRouteEntryList(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeRouteEntryList ${id}`);
    });
    return { items: response.body?.routeEntrys?.routeEntry ?? [], nextToken: response.body?.nextToken };
  });
  return entries.map(toRouteEntry);
}

/**
 * Route tables with all entries. The table and its entries are read in parallel (no
 * chaining), for all ids at once.
 */
export async function describeRouteTables(clients: CloudClients, ids: string[]): Promise<RouteTable[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const [table, entries] = await Promise.all([readTable(clients, id), readEntries(clients, id)]);
      if (!table) {
        throw new UpstreamError({
          source: 'alicloud',
          reason: 'notFound',
          resource: `DescribeRouteTableList ${id}`,
          code: 'InvalidRouteTableId.NotFound',
          message: `DescribeRouteTableList ${id}: the route table is not listed in region ${clients.region}`,
        });
      }
      return toRouteTable(table, entries);
    }),
  );
}
