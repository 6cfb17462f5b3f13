import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "./client";
import { serverOn } from "./workspace";

describe("imports resolved through tsconfig.json", () => {
  const session = serverOn("test/protocol/fixtures/pathAlias", { trusted: false });
  let client: TestClient;
  let report: string;
  let tsconfig: string;

  beforeAll(() => {
    client = session.client;
    report = session.workspace.file("src/report.ts");
    tsconfig = session.workspace.file("tsconfig.json");
  });

  it("reports an alias that resolves to no file, and re-resolves when tsconfig.json is fixed on disk", async () => {
    const [unresolved] = await client.until(
      "AL1014 on report.ts",
      () => client.diagnosticsOf(report).length > 0 && client.diagnosticsOf(report),
    );
    expect(unresolved!.code).toBe("AL1014");
    expect(unresolved!.message).toContain('imported from "@/raw"');
    expect((await client.graph()).graph.edges).toEqual([]);

    writeFileSync(tsconfig, readFileSync(tsconfig, "utf8").replace("./lib/*", "./src/*"));
    await client.changedOnDisk(tsconfig);
    await client.until("report.ts to be clean", () => client.diagnosticsOf(report).length === 0);
    const { edges } = (await client.graph()).graph;
    expect(edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual(["raw -> report"]);
  });
});
