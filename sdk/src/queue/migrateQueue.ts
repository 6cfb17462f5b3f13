/**
 * Brings a store's schema and its queue up to date: the store's migrations and the queue's tables under one advisory
 * lock, then Graphile Worker's own schema (`<schema>_worker`), whose migrations detect concurrent runs themselves.
 */
import type { Pool } from "pg";
import { migratePostgres, type PostgresLocation } from "../store/postgres/migratePostgres";
import { type GraphileWorkerModule, loadGraphileWorker } from "./loadGraphileWorker";
import { QUEUE_MIGRATION_LIST } from "./queueMigrations";
import { workerSchema } from "./queueTx";

export async function migrateQueue(location: PostgresLocation, pool: Pool): Promise<void> {
  await migratePostgres(location, [QUEUE_MIGRATION_LIST]);
  const graphile = await loadGraphileWorker();
  await graphile.runMigrations({ pgPool: pool, schema: workerSchema(location.schema), logger: quietLogger(graphile) });
}

/** Graphile Worker's logger, saying only warnings and errors (on stderr, or to `log`). */
export function quietLogger(
  { Logger }: Pick<GraphileWorkerModule, "Logger">,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
) {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") log(`graphile-worker ${level}: ${message}`);
  });
}
