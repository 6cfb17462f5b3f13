/** Whether a store's schema has the queue's tables: a store no worker or queued run has used yet has none. */
import type { PoolClient } from "pg";

export async function hasQueue(queryable: Pick<PoolClient, "query">): Promise<boolean> {
  const { rows } = await queryable.query<{ found: boolean }>("SELECT to_regclass('queued_runs') IS NOT NULL AS found");
  return rows[0]?.found === true;
}
