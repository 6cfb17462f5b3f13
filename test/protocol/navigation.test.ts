import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentSymbol } from "vscode-languageserver-protocol/node";
import { uriOf, type TestClient } from "./client";
import { positionOf, serverOn, type TempWorkspace } from "./workspace";

describe("navigation, completion, rename and symbols on the example workspace", () => {
  const session = serverOn("examples/ecommerce", { trusted: false });
  let workspace: TempWorkspace;
  let client: TestClient;
  let warehouse: string;
  let warehouseText: string;
  let orders: string;
  let ordersText: string;

  beforeAll(() => {
    ({ workspace, client } = session);
    warehouse = workspace.file("src/warehouse.ts");
    orders = workspace.file("src/orders.ts");
    warehouseText = readFileSync(warehouse, "utf8");
    ordersText = readFileSync(orders, "utf8");
  });

  const lineOf = (text: string, needle: string) => positionOf(text, needle).line;

  it("goes from a key string in `deps` to the asset it names", async () => {
    const [target] = await client.definition(
      warehouse,
      positionOf(warehouseText, 'deps: ["warehouse/orders"]', 'deps: ["'.length + 3),
    );
    expect(target?.uri).toBe(uriOf(warehouse));
    expect(target?.range.start.line).toBe(lineOf(warehouseText, "export const warehouse_orders"));
  });

  it("goes from a handle in `ins` to the asset's definition", async () => {
    const [target] = await client.definition(
      orders,
      positionOf(ordersText, "ins: { orders_raw, customers }", "ins: { ".length + 1),
    );
    expect(target?.uri).toBe(uriOf(orders));
    expect(target?.range.start.line).toBe(lineOf(ordersText, "export const orders_raw"));
  });

  it("finds every use of an asset: downstream ins and the Definitions entry", async () => {
    const found = await client.references(
      orders,
      positionOf(ordersText, "export const orders_raw", "export const ".length),
    );
    const places = found.map((location) => `${location.uri.split("/").pop()}:${location.range.start.line}`).sort();
    expect(places).toContain(`orders.ts:${lineOf(ordersText, "ins: { orders_raw, customers }")}`);
    const definitions = readFileSync(workspace.file("src/definitions.ts"), "utf8");
    expect(places).toContain(`definitions.ts:${lineOf(definitions, "    orders_raw,")}`);
  });

  it("completes asset keys inside a `deps` string, replacing what is typed", async () => {
    const typed = warehouseText.replace('deps: ["warehouse/orders"]', 'deps: ["bronze_"]');
    await client.open(warehouse, typed);
    const items = await client.completion(warehouse, positionOf(typed, 'deps: ["bronze_', 'deps: ["bronze_'.length));
    const labels = items.map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(["bronze_orders", "bronze_products", "bronze_customers"]));
    const edit = items.find((item) => item.label === "bronze_orders")?.textEdit;
    expect(edit && "range" in edit ? edit.range : undefined).toEqual({
      start: positionOf(typed, 'deps: ["bronze_', 'deps: ["'.length),
      end: positionOf(typed, 'deps: ["bronze_', 'deps: ["bronze_'.length),
    });
    await client.change(warehouse, warehouseText);
  });

  it("completes keys inside a job's selection string", async () => {
    const medallion = workspace.file("src/medallion.ts");
    const text = readFileSync(medallion, "utf8");
    await client.open(medallion);
    const items = await client.completion(
      medallion,
      positionOf(text, '"+key:gold_daily_revenue"', '"+key:gold'.length),
    );
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(["gold_daily_revenue", "gold_sales"]));
  });

  it("completes keys inside AssetSelection.keys(...), replacing what is typed", async () => {
    const medallion = workspace.file("src/medallion.ts");
    const text = readFileSync(medallion, "utf8");
    const typed = text.replace("selection: AssetSelection.all()", 'selection: AssetSelection.keys("gold_")');
    await client.open(medallion, typed);
    const items = await client.completion(medallion, positionOf(typed, 'keys("gold_")', 'keys("gold_'.length));
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(["gold_daily_revenue", "gold_sales"]));
    const edit = items.find((item) => item.label === "gold_sales")?.textEdit;
    expect(edit && "range" in edit ? edit.range : undefined).toEqual({
      start: positionOf(typed, 'keys("gold_")', 'keys("'.length),
      end: positionOf(typed, 'keys("gold_")', 'keys("gold_'.length),
    });
    await client.change(medallion, text);
  });

  it("renames a prefixed key in every string that names it", async () => {
    const at = positionOf(warehouseText, 'AssetSpec("warehouse/orders"', 'AssetSpec("'.length + 2);
    expect(await client.prepareRename(warehouse, at)).toEqual({
      range: {
        start: positionOf(warehouseText, 'AssetSpec("warehouse/orders"', 'AssetSpec("'.length),
        end: positionOf(warehouseText, 'AssetSpec("warehouse/orders"', 'AssetSpec("warehouse/orders'.length),
      },
      placeholder: "warehouse/orders",
    });
    const edit = await client.rename(warehouse, at, "warehouse/orders_v2");
    const edits = edit?.changes?.[uriOf(warehouse)] ?? [];
    const applied = edits.map((e) =>
      warehouseText.split("\n")[e.range.start.line]!.slice(e.range.start.character, e.range.end.character),
    );
    expect(applied).toEqual(["warehouse/orders", "warehouse/orders"]);
    expect(edits.every((e) => e.newText === "warehouse/orders_v2")).toBe(true);
  });

  it("refuses a rename to an invalid key, saying why", async () => {
    const at = positionOf(warehouseText, 'AssetSpec("warehouse/orders"', 'AssetSpec("'.length + 2);
    await expect(client.rename(warehouse, at, "../escape")).rejects.toThrow(
      /Cannot rename warehouse\/orders: .*"\.\."/,
    );
  });

  it("lists a file's assets as document symbols and finds assets across the workspace", async () => {
    const symbols = (await client.documentSymbols(orders)) as DocumentSymbol[];
    expect(symbols.map((symbol) => symbol.name)).toEqual([
      "orders_raw",
      "customers",
      "enriched_orders",
      "revenue_by_segment",
    ]);
    for (const symbol of symbols) expect(symbol.range.start.line).toBeLessThanOrEqual(symbol.selectionRange.start.line);
    const found = await client.workspaceSymbols("revseg");
    expect(found.map((symbol) => symbol.name)).toEqual(["revenue_by_segment"]);
  });

  it("answers the custom graph and asset-at requests", async () => {
    const { graph, statuses } = await client.graph();
    expect(graph.nodes.map((node) => node.key)).toEqual(
      expect.arrayContaining(["orders_raw", "users", "validated_sales_data", "warehouse/orders"]),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: "orders_raw", to: "enriched_orders", kind: "data" }),
    );
    expect(statuses).toEqual([]);
    expect(
      await client.assetAt({
        uri: uriOf(orders),
        position: positionOf(ordersText, "ins: { enriched_orders }", "ins: { ".length),
      }),
    ).toEqual({ key: "enriched_orders" });
    expect(await client.assetAt({ uri: uriOf(orders), position: { line: 0, character: 0 } })).toBeNull();
  });
});

describe("navigation and rename through asset checks", () => {
  const session = serverOn("test/protocol/fixtures/checks", { trusted: false });
  let client: TestClient;
  let assets: string;
  let assetsText: string;
  let checks: string;
  let checksText: string;

  beforeAll(() => {
    ({ client } = session);
    assets = session.workspace.file("src/assets.ts");
    checks = session.workspace.file("src/checks.ts");
    assetsText = readFileSync(assets, "utf8");
    checksText = readFileSync(checks, "utf8");
  });

  it.each([
    ["a handle", "asset: orders", "orders"],
    ["a key string in a multiAssetCheck's spec", 'asset: "customers"', "customers"],
  ])("goes from a check's asset written as %s to the asset", async (_form, needle, asset) => {
    const [target] = await client.definition(checks, positionOf(checksText, needle, needle.length - 3));
    expect(target?.uri).toBe(uriOf(assets));
    expect(target?.range.start.line).toBe(positionOf(assetsText, `export const ${asset}`).line);
  });

  it("lists the checks among an asset's references: their `asset`, and its inline checks", async () => {
    const found = await client.references(
      assets,
      positionOf(assetsText, "export const orders", "export const ".length),
    );
    const inChecks = found.filter((location) => location.uri === uriOf(checks)).map((l) => l.range.start);
    expect(inChecks).toEqual([
      positionOf(checksText, "asset: orders", "asset: ".length),
      positionOf(checksText, '"orders"', 1),
    ]);
    // Its inline check, by its call.
    const inAssets = found.filter((location) => location.uri === uriOf(assets)).map((l) => l.range.start);
    expect(inAssets).toEqual([positionOf(assetsText, 'checks.unique("order_id")')]);
  });

  it("offers the did-you-mean for a check naming an asset that does not exist", async () => {
    await client.open(checks);
    await client.change(checks, checksText.replace('asset: "customers"', 'asset: "customer"'));
    const [missing] = await client.until("AL1021 in checks.ts", () => {
      const found = client.diagnosticsOf(checks).filter((d) => d.code === "AL1021");
      return found.length > 0 && found;
    });
    const change = (await client.codeActions(checks, [missing!])).find((a) => a.title === "Change to customers");
    expect(Object.values(change!.edit!.changes!)[0]).toEqual([
      {
        range: { start: positionOf(checksText, '"customers"', 1), end: positionOf(checksText, '"customers"', 9) },
        newText: "customers",
      },
    ]);
    await client.change(checks, checksText);
    await client.until("checks.ts clean again", () => !client.diagnosticsOf(checks).some((d) => d.code === "AL1021"));
  });

  it("renames an asset key written as a string in a check's spec", async () => {
    const at = positionOf(checksText, '"customers"', 2);
    const edit = await client.rename(checks, at, "clients");
    expect(edit?.changes?.[uriOf(checks)]).toEqual([
      {
        range: { start: positionOf(checksText, '"customers"', 1), end: positionOf(checksText, '"customers"', 10) },
        newText: "clients",
      },
    ]);
  });
});

describe("quick fix for a misspelled resource", () => {
  const session = serverOn("test/protocol/fixtures/resources", { trusted: false });
  let assets: string;
  let assetsText: string;

  beforeAll(() => {
    assets = session.workspace.file("src/assets.ts");
    assetsText = readFileSync(assets, "utf8");
  });

  it("offers the resource the Definitions provides, written over the key", async () => {
    const { client } = session;
    const typo = assetsText.replace('"warehouse"', '"warehous"');
    await client.open(assets);
    await client.change(assets, typo);
    const [missing] = await client.until("AL1026 in assets.ts", () => {
      const found = client.diagnosticsOf(assets).filter((d) => d.code === "AL1026");
      return found.length > 0 && found;
    });
    const actions = await client.codeActions(assets, [missing!]);
    expect(actions.map((action) => action.title)).toEqual(["Change to warehouse"]);
    expect(Object.values(actions[0]!.edit!.changes!)[0]).toEqual([
      {
        range: { start: positionOf(typo, '"warehous"', 1), end: positionOf(typo, '"warehous"', 9) },
        newText: "warehouse",
      },
    ]);
    await client.change(assets, assetsText);
    await client.until("assets.ts clean again", () => !client.diagnosticsOf(assets).some((d) => d.code === "AL1026"));
  });
});
