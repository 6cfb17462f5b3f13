/**
 * Pools' limits (Dagster's pools): how many steps of a pool run at once across every run and worker of the store, in
 * the queue's `pools` table that a claim reads. Set by `assetline pools set`; a pool without a row has no limit.
 */
import type { PoolClient } from "pg";
import { wakeFreeSlots } from "./wakeFreeSlots";

export interface PoolLimit {
  name: string;
  limit: number;
  /** Its steps running now, on any worker. */
  running: number;
}

type Queryable = Pick<PoolClient, "query">;

export async function poolLimits(queryable: Queryable): Promise<PoolLimit[]> {
  const { rows } = await queryable.query<{ name: string; slots: number; running: number }>(
    `SELECT p.name, p.slots,
       (SELECT count(*)::integer FROM run_steps s WHERE s.pool = p.name AND s.status = 'running') AS running
     FROM pools p ORDER BY p.name COLLATE "C"`,
  );
  return rows.map((row) => ({ name: row.name, limit: row.slots, running: row.running }));
}

export async function setPoolLimit(queryable: Queryable, name: string, limit: number): Promise<void> {
  await queryable.query(
    "INSERT INTO pools (name, slots) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET slots = excluded.slots",
    [name, limit],
  );
  await wakeFreeSlots({ client: queryable });
}

/** Whether the pool had a limit. */
export async function clearPoolLimit(queryable: Queryable, name: string): Promise<boolean> {
  const had = ((await queryable.query("DELETE FROM pools WHERE name = $1", [name])).rowCount ?? 0) > 0;
  await wakeFreeSlots({ client: queryable });
  return had;
}
