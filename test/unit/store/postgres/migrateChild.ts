// One process opening a PostgreSQL store (argv[2]): says "ready", migrates on the first line of stdin (so several start
// migrating at the same moment), prints the versions it applied as JSON and exits 0, or prints the error and exits 1.
import { createInterface } from "node:readline";
import { loadPg } from "../../../../sdk/src/store/postgres/loadPg";
import { migratePostgres } from "../../../../sdk/src/store/postgres/migratePostgres";
import { parseStoreLocation } from "../../../../sdk/src/store/postgres/storeUrl";

const location = parseStoreLocation(process.argv[2] ?? "");
if (location.kind !== "postgres") throw new Error("give a postgres:// URL");
void loadPg().then(() => {
  console.log("ready");
  createInterface({ input: process.stdin }).once("line", () => {
    migratePostgres(location).then(
      (applied) => {
        console.log(JSON.stringify(applied));
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  });
});
