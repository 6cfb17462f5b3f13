/**
 * One value of a partitioned asset, as the run names it: `key[partition]` (the key alone when unpartitioned). The
 * keys of `upstreamDataVersions` and of what a run produced.
 */
export function valueId(key: string, partition: string | undefined): string {
  return partition === undefined ? key : `${key}[${partition}]`;
}
