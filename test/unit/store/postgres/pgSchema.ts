/**
 * PostgreSQL for tests: the machine's server (../shared/TESTING.md), a schema of its own for each test, dropped after.
 * When the server is down the tests fail (they never skip) with the command that starts it.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll } from "vitest";
import { newTestSchema, TEST_DATABASE } from "./testDatabase";

export { dropTestSchema, newTestSchema, TEST_DATABASE } from "./testDatabase";

const START =
  "pg_isready -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

export interface PgSchemas {
  /** A fresh schema's name and the store URL that names it; the schema is dropped after the test. */
  fresh(): { schema: string; url: string };
  /** A query on the test database (outside any store schema). */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
}

/** Registers the hooks of a test file that talks to PostgreSQL. */
export function usePgSchemas(): PgSchemas {
  let admin: pg.Client | undefined;
  let schemas: string[] = [];
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_DATABASE} (${(error as Error).message || (error as { code?: string }).code}): start it (as root) with \`${START}\`, or set ASSETLINE_TEST_POSTGRES.`,
      );
    }
    admin = client;
  });
  afterEach(async () => {
    // A store's queue lives beside it, in `<schema>_worker` (queue/queueTx.ts).
    for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS "${schema}", "${schema}_worker" CASCADE`);
    schemas = [];
  });
  afterAll(async () => {
    await admin?.end();
  });
  return {
    fresh() {
      const fresh = newTestSchema();
      schemas.push(fresh.schema);
      return fresh;
    },
    async query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]) {
      if (!admin) throw new Error("PostgreSQL is not connected (see the set-up's error)");
      return (await admin.query<Row>(sql, values)).rows;
    },
  };
}
