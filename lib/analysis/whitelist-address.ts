/**
 * Which RDS, Redis, PolarDB or MongoDB instance a private destination address belongs to, from
 * the instance listings of the pod's VPC (docs/gates/whitelists.md, "Recognising the
 * destination"). A destination given as the instance's VPC address (or a custom name resolving
 * to it) is still behind the instance's whitelist. Pure.
 */
import type { FactError, WhitelistAddressLookup, WhitelistService } from './model';
import { WHITELIST_SERVICE_LABEL } from './whitelist-hosts';

/** The VPC addresses of one instance, as its product's API lists them. */
export interface WhitelistInstanceAddresses {
  instanceId: string;
  addresses: string[];
}

/** One product's listing of its instances in the VPC. */
export interface WhitelistInstanceListing {
  service: WhitelistService;
  /** The reads it took, named for sentences: `DescribeDBInstances, DescribeDBInstanceNetInfo`. */
  reads: string;
  /** The instances read, with their addresses (all of them when `gap` is null). */
  instances: WhitelistInstanceAddresses[];
  /** Why the listing is incomplete (a failed read, the cap reached); null when every instance was read. */
  gap: FactError | null;
}

/**
 * The instance holding `address`: the first listed instance with the address decides (a VPC
 * address belongs to one instance), even when another listing is incomplete. Without a match,
 * each incomplete listing stays open: the address may be one of its instances, so the
 * classification keeps it as a failed owner lookup (`couldBe` the product), which the whitelist
 * hop's proof turns into `unknown` naming the read, never `reachable`.
 */
export function matchWhitelistAddress(address: string, listings: readonly WhitelistInstanceListing[]): WhitelistAddressLookup {
  for (const listing of listings) {
    const instance = listing.instances.find((candidate) => candidate.addresses.some((held) => held.trim() === address));
    if (instance) return { owner: { service: listing.service, instanceId: instance.instanceId }, open: [] };
  }
  const open = listings.flatMap((listing) =>
    listing.gap === null
      ? []
      : [{ couldBe: listing.service, fact: listing.reads, neededFor: `whether ${address} is the VPC address of one of the ${WHITELIST_SERVICE_LABEL[listing.service]} instances`, error: listing.gap }],
  );
  return { owner: null, open };
}
