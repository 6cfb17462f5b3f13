import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { CodeLens, MarkupContent } from "vscode-languageserver-protocol/node";
import type { TestClient } from "./client";
import { assetlineCli, positionOf, serverOn, stateLens, type ServerSession, type TempWorkspace } from "./workspace";

const titles = (lenses: CodeLens[]) => lenses.map((lens) => lens.command?.title);

describe("code lenses and hover over the runner's store", () => {
  const session = serverOn("examples/ecommerce", { trusted: true, commandLinks: true });
  let workspace: TempWorkspace;
  let client: TestClient;
  let orders: string;
  let ordersText: string;
  let pipeline: string;

  beforeAll(() => {
    ({ workspace, client } = session);
    orders = workspace.file("src/orders.ts");
    pipeline = workspace.file("src/pipeline.ts");
    ordersText = readFileSync(orders, "utf8");
  });

  /** The lenses on the line of `export const <name>`, once `ready` accepts their titles. */
  async function lensesOf(
    file: string,
    name: string,
    ready: (titles: (string | undefined)[]) => boolean,
  ): Promise<CodeLens[]> {
    const { line } = positionOf(readFileSync(file, "utf8"), `export const ${name} `, "export const ".length);
    return client.until(`lenses of ${name}`, async () => {
      const lenses = ((await client.codeLenses(file)) ?? []).filter((lens) => lens.range.start.line === line);
      return ready(titles(lenses)) && lenses;
    });
  }

  it("shows `never materialized`, its checks and the three actions, with the key as argument, before any run", async () => {
    const lenses = await lensesOf(orders, "orders_raw", (t) => t.length === 5);
    expect(titles(lenses)).toEqual([
      "○ never materialized",
      "○ 2 checks never run",
      "▶ Materialize",
      "Materialize with upstream",
      "Lineage",
    ]);
    expect(lenses.slice(1).map((lens) => [lens.command?.command, lens.command?.arguments])).toEqual([
      ["assetline.runChecks", [{ assets: ["orders_raw"] }]],
      ["assetline.materialize", ["orders_raw"]],
      ["assetline.materializeWithUpstream", ["orders_raw"]],
      ["assetline.showLineage", ["orders_raw"]],
    ]);
    // A multi-asset's specs on one line run as one step: a named state each, the actions once.
    const api = workspace.file("src/api.ts");
    const specs = (await client.codeLenses(api)) ?? [];
    expect(titles(specs)).toEqual([
      "users ○ never materialized",
      "posts ○ never materialized",
      "comments ○ never materialized",
      "▶ Materialize",
      "Materialize with upstream",
      "Lineage",
    ]);
    expect(specs.slice(3).map((lens) => lens.command?.arguments)).toEqual([
      [["users", "posts", "comments"]],
      [["users", "posts", "comments"]],
      ["users"],
    ]);
    // A job: how many assets its selection picks, and Run job with its name.
    const medallion = workspace.file("src/medallion.ts");
    const jobLine = positionOf(readFileSync(medallion, "utf8"), "export const gold_revenue_job", 0).line;
    const jobLenses = ((await client.codeLenses(medallion)) ?? []).filter((lens) => lens.range.start.line === jobLine);
    expect(jobLenses.map((lens) => [lens.command?.title, lens.command?.command, lens.command?.arguments])).toEqual([
      // +key:gold_daily_revenue: gold_daily_revenue, silver_orders_enriched and the three bronze tables.
      ["5 assets", "", []],
      ["▶ Run job", "assetline.materializeJob", ["gold_revenue"]],
    ]);
    // An external asset is produced elsewhere: it can be looked at, not materialized.
    const external = await lensesOf(workspace.file("src/warehouse.ts"), "warehouse_orders", (t) => t.length > 0);
    expect(external.map((lens) => lens.command?.command)).toEqual(["", "assetline.showLineage"]);
    // Assetline records nothing of it: its state is unknown, never "fresh".
    expect(external[0]!.command?.title).toBe("◌ external: state unknown");
  });

  it("turns fresh, with the row count, after a materialization from a terminal", async () => {
    const refreshes = client.lensRefreshes;
    await assetlineCli(
      ["materialize", "--select", "+key:revenue_by_segment or +key:sales_report", workspace.root],
      workspace.root,
    );
    await client.until("a code lens refresh after the run", () => client.lensRefreshes > refreshes);
    const lenses = await lensesOf(orders, "orders_raw", (t) => t[0]?.startsWith("● fresh") === true);
    expect(lenses[0]!.command?.title).toBe("● fresh · just now · 4 rows");
    // The run's last asset too: the server has read the whole run before the hovers below.
    await lensesOf(pipeline, "sales_report", (t) => t[0]?.startsWith("● fresh") === true);
    const untouched = await lensesOf(workspace.file("src/customers.ts"), "customers_data", (t) => t.length === 4);
    expect(untouched[0]!.command?.title).toBe("○ never materialized");
  });

  it("hovers an asset with the last run's metadata as Markdown", async () => {
    const text = readFileSync(pipeline, "utf8");
    const hover = await client.hover(
      pipeline,
      positionOf(text, "export const sales_report", "export const ".length + 2),
    );
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown).toContain("**sales_report** · asset · group `gold`");
    expect(markdown).toContain("Revenue report with a Markdown preview");
    expect(markdown).toContain("Upstream: `gold_daily_revenue`");
    expect(markdown).toMatch(/Last materialized just now \(.+\), took [\d.,]+ m?s, run `[^`]+`/);
    expect(markdown).toMatch(/- \*\*revenue_total\*\*: \d{1,3}(,\d{3})+(\.\d+)?/);
    // The table the asset returned: its view and row count, its columns with their DuckDB types, the engine's preview.
    expect(markdown).toContain("Table **gold.sales_report** · 5 rows");
    expect(markdown).toContain("| date | VARCHAR | yes |");
    expect(markdown).toContain("**Preview**\n\n| date | total | orders |");
    // Its check (counts_every_order), with the result the run recorded.
    expect(markdown).toMatch(/\*\*Checks\*\* ✓ 1 check/);
    expect(markdown).toMatch(/`counts_every_order`: ✓ passed just now in run `[^`]+`\n\n- \*\*orders_counted\*\*: 100/);
    // A client that runs command links (VS Code, which says so) gets the lens actions one click from the hover, and
    // Preview table for a table asset.
    const key = encodeURIComponent(JSON.stringify(["sales_report"]));
    const checks = encodeURIComponent(JSON.stringify([{ assets: ["sales_report"] }]));
    expect(markdown.trimEnd().split("\n").at(-1)).toBe(
      `[▶ Materialize](command:assetline.materialize?${key}) · [Materialize with upstream](command:assetline.materializeWithUpstream?${key}) · [▶ Run checks](command:assetline.runChecks?${checks}) · [Preview table](command:assetline.previewTable?${key}) · [Lineage](command:assetline.showLineage?${key})`,
    );
  });

  it("hovers a job with its selection, the assets it picks and their states", async () => {
    const medallion = workspace.file("src/medallion.ts");
    const hover = await client.hover(
      medallion,
      positionOf(readFileSync(medallion, "utf8"), 'defineAssetJob({ name: "gold_revenue"', 2),
    );
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown).toContain("**job gold_revenue** · selection `+key:gold_daily_revenue`");
    expect(markdown).toMatch(/Selects 5 assets: (`[a-z_]+`, ){4}`[a-z_]+`/);
    // The run of the earlier test materialized sales_report with its upstream, which is all of this job.
    expect(markdown).toContain("5 fresh");
  });

  it("goes stale when an upstream's code changes on disk", async () => {
    writeFileSync(orders, ordersText.replace("(1, 'John Silva', 'Premium')", "(1, 'John Silva', 'Gold')"));
    await client.changedOnDisk(orders);
    const lenses = await lensesOf(orders, "customers", (t) => t[0]?.startsWith("◐ stale") === true);
    expect(lenses[0]!.command?.title).toMatch(/^◐ stale: .*code/);
  });

  it("replaces every lens by one that explains why, when the workspace is not trusted", async () => {
    await client.trustChanged(false);
    const lenses = await lensesOf(orders, "orders_raw", (t) => t.length === 1);
    expect(lenses[0]!.command).toEqual({
      title: "⚠ Materialize disabled: workspace not trusted",
      command: "workbench.trust.manage",
      arguments: [],
    });
    const { statuses } = await client.graph();
    expect(statuses).toEqual([]);
    // Nothing runs untrusted: the hover keeps only the Lineage link.
    const hover = await client.hover(
      orders,
      positionOf(readFileSync(orders, "utf8"), "export const orders_raw", "export const ".length + 2),
    );
    const links = (hover!.contents as MarkupContent).value.match(/\(command:[\w.]+/g);
    expect(links).toEqual(["(command:assetline.showLineage"]);
    await client.trustChanged(true);
    await lensesOf(orders, "orders_raw", (t) => t.length === 5);
  });

  it("follows the store when it is deleted and when a later run creates it again", async () => {
    await lensesOf(orders, "orders_raw", (t) => t[0]?.startsWith("● fresh") === true);
    rmSync(workspace.file(".assetline"), { recursive: true, force: true });
    await lensesOf(orders, "orders_raw", (t) => t[0] === "○ never materialized");
    await assetlineCli(["materialize", "orders_raw", workspace.root], workspace.root);
    await lensesOf(orders, "orders_raw", (t) => t[0]?.startsWith("● fresh") === true);
  });
});

describe("code lenses in a workspace without the assetline package", () => {
  const session = serverOn("test/protocol/fixtures/crossFile", { trusted: true }, { linkSdk: false });

  it("still offers the actions, and no state, when there is no CLI to read the store with", async () => {
    const { client, workspace } = session;
    // A finished run makes the server look for the CLI again; this workspace has none.
    await client.runFinished("run-1");
    const lenses = (await client.codeLenses(workspace.file("src/a.ts"))) ?? [];
    expect(lenses.map((lens) => lens.command?.title)).toEqual([
      "▶ Materialize",
      "Materialize with upstream",
      "Lineage",
    ]);
    expect(client.logs.filter((line) => line.includes("failed"))).toEqual([]);
  });
});

/** Reads the title of the state lens on `customers_data`, the asset the custom-store tests materialize. */
function customersDataState({ client, workspace }: ServerSession): () => Promise<string | undefined> {
  return stateLens(client, workspace.file("src/customers.ts"), "customers_data");
}

describe("code lenses with a custom store folder that no watcher can see yet", () => {
  // Neither `state/store` nor `state` exists at start, so only the editor's RunFinished notification can tell.
  const session = serverOn("examples/ecommerce", { trusted: true, storeFolder: "state/store" });

  it("reads the store named in initializationOptions when the client says a run finished, then watches it", async () => {
    const { client, workspace } = session;
    const customers = workspace.file("src/customers.ts");
    const stateOf = customersDataState(session);
    await client.until("the never-materialized state", async () => (await stateOf()) === "○ never materialized");
    await assetlineCli(
      ["materialize", "--store", workspace.file("state/store"), "customers_data", workspace.root],
      workspace.root,
    );
    await client.runFinished("from-the-editor");
    await client.until("the fresh state", async () => (await stateOf())?.startsWith("● fresh · just now · 2 rows"));
    // Now that the folder exists the watcher follows it: a terminal run needs no notification.
    writeFileSync(
      customers,
      readFileSync(customers, "utf8").replace('"Peter Costa", status: "inactive"', '"Peter Costa", status: "active"'),
    );
    await client.changedOnDisk(customers);
    await client.until("the stale state", async () => (await stateOf())?.startsWith("◐ stale"));
    await assetlineCli(
      ["materialize", "--store", workspace.file("state/store"), "customers_data", workspace.root],
      workspace.root,
    );
    await client.until("the fresh state after a terminal run", async () =>
      (await stateOf())?.startsWith("● fresh · just now · 3 rows"),
    );
  });
});

describe("code lenses with a store folder setting typed with stray spaces", () => {
  // The extension trims `assetline.storeFolder` before passing `--store` to its runs; the server must read that same store.
  const session = serverOn("examples/ecommerce", { trusted: true, storeFolder: " runs/store " });

  it("reads the store the editor's runs write to", async () => {
    const { client, workspace } = session;
    const stateOf = customersDataState(session);
    await client.until("the never-materialized state", async () => (await stateOf()) === "○ never materialized");
    await assetlineCli(
      ["materialize", "--store", workspace.file("runs/store"), "customers_data", workspace.root],
      workspace.root,
    );
    await client.runFinished("from-the-editor");
    await client.until("the fresh state", async () => (await stateOf())?.startsWith("● fresh · just now · 2 rows"));
  });
});
