import { describe, expect, it } from "vitest";
import { asset } from "../../../sdk/src/define/asset";
import { defineAssetJob } from "../../../sdk/src/define/job";
import { buildRepository } from "../../../sdk/src/define/repository";
import { AssetSelection, formatSelectionInput, parseSelection, selectAssets } from "../../../sdk/src/selection";
import { graph } from "./graph";

const { keys, groups, tag, kinds, owners } = AssetSelection;

// Each builder must equal the string syntax: same canonical text, same assets picked.
const cases: [AssetSelection, string][] = [
  [AssetSelection.all(), "*"],
  [keys("orders"), "key:orders"],
  [keys("orders", "report"), "key:orders or key:report"],
  [groups("bronze", "gold"), "group:bronze or group:gold"],
  [tag("pii"), "tag:pii"],
  [tag("domain", "sales"), "tag:domain=sales"],
  [kinds("table"), "kind:table"],
  [owners("alice@example.com"), 'owner:"alice@example.com"'],
  [keys("orders_daily").upstream(), "+key:orders_daily"],
  [keys("orders_daily").upstream(1), "1+key:orders_daily"],
  [keys("orders").downstream(), "key:orders+"],
  [keys("orders").downstream(2), "key:orders+2"],
  [keys("orders").upstream().downstream(), "(+key:orders)+"],
  [keys("orders", "audit").upstream(1), "1+(key:orders or key:audit)"],
  [groups("gold").minus(keys("report")), "group:gold and not key:report"],
  [groups("bronze").or(groups("gold").and(kinds("table"))), "group:bronze or group:gold and kind:table"],
  [groups("bronze").or(groups("gold")).and(kinds("table")), "(group:bronze or group:gold) and kind:table"],
  [keys("revenue").upstream().roots(), "roots(+key:revenue)"],
  [groups("gold").sinks(), "sinks(group:gold)"],
  [tag("pii", ""), "tag:pii"],
  [keys("report").upstream().materializable(), "+key:report and is:materializable"],
  [AssetSelection.fromString("group:gold and not key:report"), "group:gold and not key:report"],
];

describe("AssetSelection builder equals the string syntax", () => {
  it.each(cases.map(([selection, text]) => [text, selection] as const))("%s", (text, selection) => {
    expect(selection.toString()).toBe(text);
    const parsed = parseSelection(text);
    expect(parsed.ok && parsed.expr).toEqual(selection.expr);
    expect(selectAssets(selection.expr, graph)).toEqual(parsed.ok && selectAssets(parsed.expr, graph));
  });
});

describe("AssetSelection with asset handles", () => {
  it("resolves a handle's key when read, after the workspace filled it from the export name", () => {
    const revenue = asset({ group: "gold" }, () => 1);
    const job = defineAssetJob({ name: "revenue_job", selection: AssetSelection.keys(revenue).upstream(2) });
    const repository = buildRepository([{ revenue, revenue_job: job }]);
    expect(repository.graph.jobs).toEqual([{ name: "revenue_job", selection: "2+key:revenue" }]);
  });

  it("says how to fix a handle that never got a key", () => {
    const unnamed = asset(() => 1);
    expect(() => AssetSelection.keys(unnamed).toString()).toThrow(/AssetSelection\.keys\(\): .*export it/);
  });
});

describe("AssetSelection errors", () => {
  it("names the column of a string that does not parse", () => {
    expect(() => AssetSelection.fromString("group:gold and ")).toThrow(
      'Invalid asset selection "group:gold and ": expected a selection after "and" at column 16.',
    );
  });
  it("rejects invalid keys, empty lists and bad depths", () => {
    expect(() => keys("../etc").toString()).toThrow('AssetSelection.keys(): asset key "../etc" contains ".."');
    expect(() => keys()).toThrow("AssetSelection.keys() needs at least one asset.");
    expect(() => keys(asset({}, () => 1)).toString()).toThrow(
      "AssetSelection.keys(): an asset it names has no key: export it",
    );
    expect(() => groups()).toThrow("AssetSelection.groups() needs at least one group.");
    expect(() => keys("a").upstream(-1)).toThrow("AssetSelection.upstream(-1): give a whole number of layers");
    expect(() => keys("a").downstream(1.5)).toThrow("AssetSelection.downstream(1.5): give a whole number of layers");
  });
});

describe("formatSelectionInput", () => {
  it("keeps a string as written and renders a builder canonically", () => {
    expect(formatSelectionInput("+orders")).toBe("+orders");
    expect(formatSelectionInput(keys("a").or(keys("b")))).toBe("key:a or key:b");
  });
});
