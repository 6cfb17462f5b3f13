/**
 * Where the store lives: a folder path is the embedded SQLite store, a `postgres://` (or `postgresql://`) URL the shared
 * PostgreSQL one, its tables in the schema `?schema=` names. Credentials are part of the URL, so every message that
 * names a store shows it through `redactUrl` (`protocol/sharedStoreUrl.ts`, shared with the editor).
 */
import { isSharedStoreUrl, redactUrl } from "../../protocol/sharedStoreUrl";

export const DEFAULT_PG_SCHEMA = "assetline";

export type StoreLocation =
  | { kind: "sqlite"; folder: string }
  /** `connectionString` is what the driver gets (the URL without `schema`); `redacted` is what messages show. */
  | { kind: "postgres"; connectionString: string; schema: string; redacted: string };

const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// PostgreSQL folds unquoted names to lower case and reserves `pg_`: a lower-case name outside it means the same
// schema in `psql` as here, and 63 bytes is PostgreSQL's limit.
const SCHEMA_NAME = /^(?!pg_)[a-z_][a-z0-9_]{0,62}$/;

/** Tells a store location apart; throws a message naming the (redacted) location and the fix. */
export function parseStoreLocation(location: string): StoreLocation {
  if (!ANY_SCHEME.test(location)) return { kind: "sqlite", folder: location };
  const redacted = redactUrl(location);
  if (!isSharedStoreUrl(location)) {
    throw new Error(
      `the store location ${redacted} is not supported: give a folder (SQLite) or a postgres://user@host:5432/database URL.`,
    );
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(
      `the store URL ${redacted} is not a valid URL: write it as postgres://user:password@host:5432/database, with special characters in the password percent-encoded.`,
    );
  }
  const schemas = url.searchParams.getAll("schema");
  if (schemas.length > 1) throw new Error(`the store URL ${redacted} names more than one schema: keep one ?schema=.`);
  const schema = schemas[0] ?? DEFAULT_PG_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `the store URL ${redacted} names the schema ${JSON.stringify(schema)}, which is not a plain PostgreSQL name: use lower-case letters, digits and _ (at most 63, not starting with a digit or pg_).`,
    );
  }
  url.searchParams.delete("schema");
  return { kind: "postgres", connectionString: url.toString(), schema, redacted };
}
