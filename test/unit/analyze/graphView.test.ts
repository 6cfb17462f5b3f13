/** One file's or one key's share of the graph (what lenses and hover ask after every edit), and graph() reuse. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const files = {
  "src/a.ts": `import { asset } from "assetline";\nexport const orders = asset({ key: "raw/orders" }, () => 1);\nexport const users = asset(() => 2);`,
  "src/b.ts": `import { asset } from "assetline";
import { orders, users } from "./a";
export const totals = asset({ ins: { orders, users }, deps: ["raw/orders"] }, () => 3);
export const report = asset({ ins: { totals } }, () => 4);`,
};

describe("analyzer graph view", () => {
  it("lists the assets named in one file with their neighbours, each once", () => {
    const { analyzer, path } = analyzeFiles(files);
    const inB = analyzer.assetsIn(path("src/b.ts"));
    expect(inB.map((a) => [a.node.key, a.upstream, a.downstream])).toEqual([
      ["totals", ["raw/orders", "users"], ["report"]],
      ["report", ["totals"], []],
    ]);
    expect(inB[0]!.node.nameLocation?.file).toBe(path("src/b.ts"));
    expect(analyzer.assetsIn("src/a.ts").map((a) => a.node.key)).toEqual(["raw/orders", "users"]);
    expect(analyzer.assetsIn("src/none.ts")).toEqual([]);
  });

  it("lists the jobs defined in one file as the whole graph does", () => {
    const { analyzer, path } = analyzeFiles({
      ...files,
      "src/jobs.ts": `import { defineAssetJob } from "assetline";\nexport const nightly = defineAssetJob({ name: "nightly", selection: "+key:report" });`,
    });
    expect(analyzer.jobsIn(path("src/jobs.ts"))).toEqual(analyzer.graph().jobs);
    expect(analyzer.jobsIn(path("src/jobs.ts")).map((job) => [job.name, job.selection])).toEqual([
      ["nightly", "+key:report"],
    ]);
    expect(analyzer.jobsIn(path("src/a.ts"))).toEqual([]);
  });

  it("answers one key with the same node and neighbours as the whole graph", () => {
    const { analyzer } = analyzeFiles(files);
    const orders = analyzer.asset("raw/orders");
    expect(orders?.node).toEqual(analyzer.graph().nodes.find((n) => n.key === "raw/orders"));
    expect(orders?.downstream).toEqual(["totals"]);
    expect(analyzer.asset("missing")).toBeNull();
  });

  it("keeps the graph while nothing changes, and after an edit rebuilds only the edited file's nodes", () => {
    const { analyzer, path } = analyzeFiles(files);
    const before = analyzer.graph();
    expect(analyzer.graph()).toBe(before);
    const b = path("src/b.ts");
    analyzer.update(b, readFileSync(b, "utf8").replace("() => 4", "() => 5"));
    const after = analyzer.graph();
    expect(after).not.toBe(before);
    const node = (graph: typeof before, key: string) => graph.nodes.find((n) => n.key === key);
    expect(node(after, "raw/orders")).toBe(node(before, "raw/orders"));
    expect(node(after, "report")).not.toBe(node(before, "report"));
    expect(node(after, "report")?.codeVersion).not.toBe(node(before, "report")?.codeVersion);
  });
});
