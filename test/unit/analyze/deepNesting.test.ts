/** Nesting deeper than TypeScript's parser can follow: one AL1013 on that file, and the rest of the graph intact. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const other = `import { asset } from "assetline";\nexport const orders = asset({}, () => 1);\n`;
const shapes: Record<string, (levels: number) => string> = {
  "an object literal": (n) => `export const x = ${"{a:".repeat(n)}1${"}".repeat(n)};\n`,
  "an asset's body": (n) =>
    `import { asset } from "assetline";\nexport const deep = asset({ deps: ["orders"] }, () => (${"[".repeat(n)}1${"]".repeat(n)}));\n`,
  "a template": (n) => `export const t = ${"`${".repeat(n)}1${"}`".repeat(n)};\n`,
  "calls around an asset factory": (n) =>
    `import { asset } from "assetline";\nexport function f() { return ${"g(".repeat(n)}asset({}, () => 1)${")".repeat(n)}; }\n`,
};

describe("a file nested too deeply to parse", () => {
  for (const [shape, text] of Object.entries(shapes)) {
    it(`is one AL1013 on that file, 3,000 levels of ${shape}; the other file's asset stays in the graph`, () => {
      const deep = text(3000);
      const workspace = analyzeFiles({ "src/deep.ts": deep, "src/orders.ts": other });
      // On the line where the brackets nest deepest: the last line of the file.
      expect(workspace.codes()).toEqual([`src/deep.ts:${deep.trimEnd().split("\n").length} AL1013`]);
      expect(workspace.analyzer.graph().nodes.map((node) => node.key)).toEqual(["orders"]);
    });
  }

  it("reads 200 levels as usual", () => {
    const workspace = analyzeFiles({ "src/deep.ts": shapes["an asset's body"]!(200), "src/orders.ts": other });
    expect(workspace.codes()).toEqual([]);
    expect(workspace.edges()).toEqual(["orders -order-> deep"]);
  });
});
