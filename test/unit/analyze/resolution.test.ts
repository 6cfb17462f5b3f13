/**
 * Module resolution as TypeScript does it, data-driven: each folder under resolution/ is a workspace, and its
 * expected.json says the edges and diagnostics (`file:line code`, plus message excerpts) the analyzer must find.
 * `links` are the node_modules links npm makes for workspace packages, made here in a copy of the folder.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../sdk/src/analyze";

interface Expected {
  edges: string[];
  codes?: string[];
  messages?: string[];
  links?: Record<string, string>;
}

const fixtures = fileURLToPath(new URL("./resolution", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "assetline-resolution-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function workspaceOf(name: string, expected: Expected): string {
  const root = join(scratch, name);
  cpSync(join(fixtures, name), root, { recursive: true, filter: (source) => !source.endsWith("expected.json") });
  for (const [link, target] of Object.entries(expected.links ?? {})) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(join(root, target), join(root, link), "dir");
  }
  return root.split("\\").join("/");
}

describe("module resolution", () => {
  for (const name of readdirSync(fixtures).sort()) {
    const expected = JSON.parse(readFileSync(join(fixtures, name, "expected.json"), "utf8")) as Expected;
    it(`resolves the ${name} workspace as TypeScript does`, () => {
      const root = workspaceOf(name, expected);
      const analyzer = createAnalyzer({ root });
      analyzer.loadFromDisk();
      const edges = analyzer
        .graph()
        .edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`)
        .sort();
      const diagnostics = analyzer.diagnostics();
      const codes = diagnostics
        .map((d) => `${d.file.slice(root.length + 1)}:${d.range.start.line + 1} ${d.code}`)
        .sort();
      expect({ edges, codes }).toEqual({ edges: expected.edges, codes: expected.codes ?? [] });
      for (const excerpt of expected.messages ?? [])
        expect(diagnostics.map((d) => d.message).find((message) => message.includes(excerpt))).toBeDefined();
    });
  }
});
