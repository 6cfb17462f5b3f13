/**
 * `pg` (node-postgres), loaded at first use only: a workspace on the embedded SQLite store never loads it and does
 * not need it installed. The one module that imports it.
 */
import type * as Pg from "pg";

export type PgModule = typeof Pg;

let loaded: Promise<PgModule> | undefined;

export function loadPg(): Promise<PgModule> {
  loaded ??= import("pg").then(
    // pg is CommonJS: imported, its exports are the default export (named ones only where Node detects them).
    (module) => (module as unknown as { default?: PgModule }).default ?? module,
    (error: unknown) => {
      loaded = undefined;
      throw new Error(
        `a postgres:// store is reached with node-postgres, which is not installed (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): npm install pg`,
      );
    },
  );
  return loaded;
}
