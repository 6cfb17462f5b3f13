/** Code versions are hashed when read (the runner, the graph request), not on every analysis or edit. */
import { describe, expect, it, vi } from "vitest";
import * as versions from "../../../sdk/src/analyze/codeVersion";
import { analyzeFiles } from "./workspace";

vi.mock("../../../sdk/src/analyze/codeVersion", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../../sdk/src/analyze/codeVersion")>();
  return { ...actual, codeVersion: vi.fn(actual.codeVersion) };
});

const call = `asset(() => 1 /* trivia */)`;

describe("lazy code versions", () => {
  it("hashes a definition's source the first time its version is read, once, and serializes it", async () => {
    const { codeVersion } = await vi.importActual<typeof versions>("../../../sdk/src/analyze/codeVersion");
    const spy = vi.mocked(versions.codeVersion);
    const { analyzer } = analyzeFiles({
      "src/a.ts": `import { asset } from "assetline";\nexport const a = ${call};\nexport const b = asset({ codeVersion: "v2" }, () => 2);`,
    });
    const graph = analyzer.graph();
    analyzer.assetsIn("src/a.ts");
    expect(spy).not.toHaveBeenCalled();
    const a = graph.nodes.find((n) => n.key === "a")!;
    expect(a.codeVersion).toBe(codeVersion(call));
    expect(a.codeVersion).toBe(codeVersion(call));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(graph.nodes.find((n) => n.key === "b")?.codeVersion).toBe("v2");
    expect(JSON.parse(JSON.stringify(graph)).nodes.map((n: { codeVersion: string }) => n.codeVersion)).toEqual([
      codeVersion(call),
      "v2",
    ]);
  });
});
