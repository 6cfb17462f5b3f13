/** A secret from the workspace's `.env`, through the real CLI: used by the asset, absent from the store and the output. */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, fixtureWorkspaces, parseEvents } from "../run/workspace";

const SECRET = "pa55-Wh-9f3k2";

const FILES = {
  "src/assets.ts": `import { Definitions, EnvVar, asset, defineResource } from "assetline";

const warehouse = defineResource({
  config: { url: EnvVar("WAREHOUSE_URL") },
  setup: (config) => ({ url: config.url, rows: () => [{ id: 1 }, { id: 2 }] }),
});

export const orders = asset({ resources: { warehouse } }, (ctx) => {
  ctx.log.info("connecting to " + ctx.resources.warehouse.url);
  ctx.addOutputMetadata({ source: ctx.resources.warehouse.url });
  return ctx.resources.warehouse.rows();
});

export const audit = asset({ resources: { warehouse } }, (ctx) => {
  throw new Error("refused by " + ctx.resources.warehouse.url);
});

export default new Definitions({ assets: [orders, audit], resources: { warehouse } });
`,
};

/** Every file under `dir` (the store: its SQLite database, value files and build output). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("a secret through the CLI", () => {
  const workspace = fixtureWorkspaces();

  it("reads EnvVar from .env and writes its value nowhere", async () => {
    const root = workspace(FILES);
    writeFileSync(join(root, ".env"), `WAREHOUSE_URL=${SECRET}\n`);
    const run = await cli(["materialize", "orders", "audit", "--json"], root);
    expect(run.code).toBe(1);
    const events = parseEvents(run.stdout);
    expect(events.flatMap((event) => (event.type === "step_failed" ? [event.error.message] : []))).toEqual([
      "refused by ***",
    ]);
    const logs = await cli(["logs", events[0]!.runId], root);
    expect(logs.stdout).toContain("connecting to ***");
    expect(logs.stdout).toContain("refused by ***");
    const leaked = filesUnder(join(root, ".assetline")).filter((file) => readFileSync(file).includes(SECRET));
    expect(leaked).toEqual([]);
    expect(run.stdout + run.stderr + logs.stdout + logs.stderr).not.toContain(SECRET);
    const values = await cli(["show", "orders"], root);
    expect(values.stdout).toContain("source");
    expect(values.stdout).not.toContain(SECRET);
  });

  it("fails the step that needs an unset variable with its name", async () => {
    const root = workspace(FILES);
    const run = await cli(["materialize", "orders"], root);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain("environment variable WAREHOUSE_URL is not set");
  });
});
