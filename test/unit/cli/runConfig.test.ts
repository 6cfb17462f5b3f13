/**
 * `materialize --config FILE|--config-json`: the run config validated in the run's process (a real child) before
 * anything is recorded, then kept with the run and shown by `runs` and `logs`; `config-schema KEY` gives the JSON
 * Schema an editor completes a config with, when the validator has one.
 */
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../../sdk/src/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, parseEvents, removeWorkspace, repoRoot } from "../run/workspace";
import { runIn } from "./harness";
import { ConfigSchemaOutputSchema } from "../../../sdk/src/protocol";
import { machineOutput } from "../run/workspace";

const FILES = {
  "src/assets.ts": `import { asset } from "assetline";
import { z } from "zod";
export const orders = asset(() => [1, 2, 3]);
export const daily_report = asset(
  { ins: { orders }, config: z.object({ days: z.number().default(7), title: z.string().default("Daily") }) },
  ({ orders }, ctx) => [{ title: ctx.config.title, orders: orders.length, days: ctx.config.days }],
);
`,
  "config.json": `{ "daily_report": { "days": 3 } }`,
  "editor.json": `{ "$schema": "./daily_report.schema.json", "daily_report": { "days": 4 } }`,
  "config.yaml": "daily_report:\n  days: 5\n  title: Weekly\n",
  "bad.yaml": "daily_report: [unclosed\n",
  "list.json": "[1, 2]",
};

/** A workspace whose code imports the validators this repository has installed, as a user's would. */
function workspaceWith(files: Record<string, string>, validators: string[]): string {
  const folder = fixtureWorkspace(files);
  for (const name of validators)
    symlinkSync(join(repoRoot, "node_modules", name), join(folder, "node_modules", name), "dir");
  return folder;
}

let root: string;
beforeAll(() => {
  ensureCliBuilt();
  root = workspaceWith(FILES, ["zod"]);
});
afterAll(() => removeWorkspace(root));

const runs = async () => JSON.parse((await runIn(root, ["runs", "--json"])).stdout).runs as RunSummary[];

describe("materialize with run config", () => {
  it.each([
    ["a JSON file", ["--config", "config.json"], { days: 3, title: "Daily" }],
    ["a YAML file", ["--config", "config.yaml"], { days: 5, title: "Weekly" }],
    ["a file naming its JSON Schema for the editor", ["--config", "editor.json"], { days: 4, title: "Daily" }],
    ["--config-json", ["--config-json", '{"daily_report":{"title":"Now"}}'], { days: 7, title: "Now" }],
    ["no config: the schema's defaults", [], { days: 7, title: "Daily" }],
  ])("takes %s, validated, into the run and its record", async (_, flags, expected) => {
    const run = await cli(["materialize", "--json", ...flags], root);
    expect(run.code, run.stderr).toBe(0);
    const started = parseEvents(run.stdout).find((event) => event.type === "run_started");
    expect(started).toMatchObject({ config: { daily_report: expected } });
    const [latest] = await runs();
    expect(latest).toMatchObject({ id: started!.runId, config: { daily_report: expected } });
    const shown = await runIn(root, ["show", "daily_report"]);
    expect(shown.stdout).toContain(`| ${expected.title} | 3 | ${expected.days} |`);
  });

  it.each([
    [
      "a field of the wrong type",
      ["--config-json", '{"daily_report":{"days":"x"}}'],
      /^assetline materialize: config for daily_report: days: .*expected number.*\n$/,
    ],
    [
      "a misspelled asset",
      ["--config-json", '{"daily_reprot":{"days":3}}'],
      /^assetline materialize: config for daily_reprot: no asset daily_reprot in this run takes config\. Did you mean "daily_report"\?/,
    ],
    [
      "an asset without config",
      ["--config-json", '{"orders":{}}'],
      /^assetline materialize: config for orders: asset orders declares no config/,
    ],
    ["JSON that does not parse", ["--config-json", "{days"], /^assetline materialize: --config-json: cannot be read: /],
    [
      "YAML that does not parse",
      ["--config", "bad.yaml"],
      /^assetline materialize: --config bad\.yaml: cannot be read: /,
    ],
    [
      "a missing file",
      ["--config", "nope.json"],
      /^assetline materialize: --config nope\.json: cannot be read: ENOENT/,
    ],
    [
      "a top level that is not an object",
      ["--config", "list.json"],
      /--config list\.json: the run config must be an object of asset keys/,
    ],
    ["another file type", ["--config", "config.toml"], /--config config\.toml: give a \.json, \.yaml or \.yml file\./],
    ["a dry run, which loads no code", ["--dry-run", "--config", "config.json"], /--dry-run loads no code/],
  ])("refuses %s with exit 2, one line per problem, and records no run", async (_, flags, message) => {
    const before = (await runs()).length;
    const run = await cli(["materialize", ...flags], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(await runs()).toHaveLength(before);
  });

  it("prints the config under the run's first line, marks the run in `runs` and prints it at the top of `logs`", async () => {
    writeFileSync(join(root, "two.json"), '{ "daily_report": { "days": 2 } }');
    const run = await cli(["materialize", "--config", "two.json"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n")[1]).toBe('run config: {"daily_report":{"days":2,"title":"Daily"}}');
    const table = (await runIn(root, ["runs"])).stdout.split("\n");
    expect(table[0]).toMatch(/ config /);
    const column = table[0]!.indexOf("config");
    expect(table[2]!.slice(column, column + 3)).toBe("yes");
    const [latest] = await runs();
    const logs = (await runIn(root, ["logs", latest!.id])).stdout.split("\n");
    expect(logs[0]).toMatch(/run started: 2 steps/);
    expect(logs[1]).toBe('run config: {"daily_report":{"days":2,"title":"Daily"}}');
  });
});

describe("config-schema", () => {
  let both: string;
  beforeAll(() => {
    both = workspaceWith(
      {
        "src/assets.ts": `import { asset } from "assetline";
import { z } from "zod";
import * as v from "valibot";
export const by_zod = asset({ config: z.object({ days: z.number().default(7) }) }, (ctx) => ctx.config.days);
export const by_valibot = asset({ config: v.object({ days: v.number() }) }, (ctx) => ctx.config.days);
export const plain = asset(() => 1);
`,
      },
      ["zod", "valibot"],
    );
  });
  afterAll(() => removeWorkspace(both));

  it("prints the JSON Schema of a config whose validator gives one", async () => {
    const result = await cli(["config-schema", "by_zod", "--json"], both);
    expect(result.code, result.stderr).toBe(0);
    expect(machineOutput(ConfigSchemaOutputSchema, result.stdout)).toEqual({
      key: "by_zod",
      vendor: "zod",
      jsonSchema: {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: { days: { type: "number", default: 7 } },
      },
      defaults: { days: 7 },
    });
    const readable = await cli(["config-schema", "by_zod"], both);
    expect(JSON.parse(readable.stdout)).toEqual(machineOutput(ConfigSchemaOutputSchema, result.stdout).jsonSchema);
  });

  it.each([
    [
      "a validator without JSON Schema",
      "by_valibot",
      /this validator \(valibot\) gives no JSON Schema for the config of by_valibot/,
    ],
    ["an asset without config", "plain", /asset plain declares no config/],
    ["a misspelled key", "by_zdo", /no asset "by_zdo" in this workspace\. Did you mean "by_zod"\?/],
  ])("says so for %s, with exit 1", async (_, key, message) => {
    const result = await cli(["config-schema", key], both);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it("answers null for a validator without JSON Schema in --json, and no defaults for a required field", async () => {
    const result = await cli(["config-schema", "by_valibot", "--json"], both);
    expect(machineOutput(ConfigSchemaOutputSchema, result.stdout)).toEqual({
      key: "by_valibot",
      vendor: "valibot",
      jsonSchema: null,
      defaults: {},
    });
  });
});
