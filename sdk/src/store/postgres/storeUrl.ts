/**
 * Where the store lives: a folder path is the embedded SQLite store, a `postgres://` (or `postgresql://`) URL the shared
 * PostgreSQL one, its tables in the schema `?schema=` names. Credentials are part of the URL, so every message that
 * names a store shows it through `redactUrl`.
 */

export const DEFAULT_PG_SCHEMA = "assetline";

export type StoreLocation =
  | { kind: "sqlite"; folder: string }
  /** `connectionString` is what the driver gets (the URL without `schema`); `redacted` is what messages show. */
  | { kind: "postgres"; connectionString: string; schema: string; redacted: string };

const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// PostgreSQL folds unquoted names to lower case and reserves `pg_`: a lower-case name outside it means the same
// schema in `psql` as here, and 63 bytes is PostgreSQL's limit.
const SCHEMA_NAME = /^(?!pg_)[a-z_][a-z0-9_]{0,62}$/;

/** Tells a store location apart; throws a message naming the (redacted) location and the fix. */
export function parseStoreLocation(location: string): StoreLocation {
  if (!ANY_SCHEME.test(location)) return { kind: "sqlite", folder: location };
  const redacted = redactUrl(location);
  if (!POSTGRES_SCHEME.test(location)) {
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

/**
 * The URL with its password hidden (`postgres://user:***@host/db`), and any `…password=` parameter's value, so it can
 * be shown anywhere. Works on malformed URLs too: everything from the user name's `:` to the last `@` is hidden, so
 * a password with an unencoded `@`, `/` or `?` never shows (an `@` later in the URL hides more than needed, not less).
 */
export function redactUrl(location: string): string {
  return location
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):.*@/is, "$1:***@")
    .replace(/([?&][^=&#]*password=)[^&#]*/gi, "$1***");
}

/** `message` with the location's password (as written and decoded) replaced, whatever a driver put in it. */
export function hideSecrets(message: string, location: string): string {
  const secrets = new Set<string>();
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:(.*)@/is.exec(location)?.[1];
  if (userInfo) secrets.add(userInfo);
  for (const match of location.matchAll(/[?&][^=&#]*password=([^&#]*)/gi)) if (match[1]) secrets.add(match[1]);
  for (const secret of [...secrets]) {
    try {
      secrets.add(decodeURIComponent(secret));
    } catch {
      // A malformed escape: the raw form is hidden already.
    }
  }
  let hidden = message;
  for (const secret of secrets) if (secret.length > 0) hidden = hidden.split(secret).join("***");
  return hidden;
}
