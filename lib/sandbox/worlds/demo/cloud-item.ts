/** Item types of the world's cloud collections, for the demo builders. */
import type { WorldCloud } from '@/lib/schemas/world';

/** Keys of `WorldCloud` that hold lists of resources. */
export type CloudCollection = Exclude<keyof WorldCloud, 'accountId' | 'regionId'>;

/** One resource of a cloud collection, e.g. `CloudItem<'vSwitches'>`. */
export type CloudItem<K extends CloudCollection> = WorldCloud[K] extends ReadonlyArray<infer T> ? T : never;
