/**
 * The test database and a schema of one's own on it, with no test framework: bench/scale uses them too (pgSchema.ts
 * registers them as a test file's hooks).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The database the tests use; ASSETLINE_TEST_POSTGRES points them at another. */
export const TEST_DATABASE = process.env.ASSETLINE_TEST_POSTGRES ?? "postgres://root@127.0.0.1:5432/test";

/** A schema name no test used yet, and the store URL that names it (nothing is created until a store opens it). */
export function newTestSchema(): { schema: string; url: string } {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const url = new URL(TEST_DATABASE);
  url.searchParams.set("schema", schema);
  return { schema, url: url.toString() };
}

/** Drops a test's schema (the store in it) and its queue's, outside any test's hooks. */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}", "${schema}_worker" CASCADE`);
  } finally {
    await client.end();
  }
}
