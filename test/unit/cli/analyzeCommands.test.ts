/** `assetline check`, `list` and `graph`: in process through runCli, and once through the built binary. */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { GraphOutputSchema, readCliOutput, type AssetGraph } from "../../../sdk/src/protocol";
import { runIn } from "./harness";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const example = join(repo, "examples/ecommerce");

const cli = (argv: string[], cwd = repo) => runIn(cwd, argv);

/** A copy of the example's sources with one upstream key mistyped; `where` is the typo's 1-based `line:col`. */
function exampleWithTypo(): { dir: string; where: string } {
  const dir = mkdtempSync(join(tmpdir(), "assetline-check-"));
  cpSync(join(example, "src"), join(dir, "src"), { recursive: true });
  cpSync(join(example, "package.json"), join(dir, "package.json"));
  const warehouse = join(dir, "src/warehouse.ts");
  const text = readFileSync(warehouse, "utf8").replace('deps: ["warehouse/orders"]', 'deps: ["warehouse/ordres"]');
  writeFileSync(warehouse, text);
  const lines = text.slice(0, text.indexOf("warehouse/ordres")).split("\n");
  return { dir, where: `${lines.length}:${lines.at(-1)!.length + 1}` };
}

describe("assetline check", () => {
  it("prints nothing and exits 0 on the example", async () => {
    expect(await cli(["check", "examples/ecommerce"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints file:line:col, the code, a did-you-mean and a summary, and exits 1 on a typo", async () => {
    const { dir, where } = exampleWithTypo();
    const { code, stdout } = await cli(["check"], dir);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `src/warehouse.ts:${where} - error AL1001: warehouse/orders_audit: upstream asset "warehouse/ordres" is not defined in the workspace. Did you mean "warehouse/orders"?\n\nFound 1 error and 0 warnings in 1 file.\n`,
    );
  });

  it("explains a folder that does not exist", async () => {
    const { code, stderr } = await cli(["check", "no/such/folder"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no\/such\/folder is not a folder: give the workspace folder as the last argument/);
  });
});

describe("assetline list and graph", () => {
  it("lists the assets as a table and as JSON", async () => {
    const text = await cli(["list", "examples/ecommerce"]);
    expect(text.stdout).toMatch(
      /^warehouse\/orders\s+external\s+warehouse\s+examples\/ecommerce\/src\/warehouse\.ts:4$/m,
    );
    const json = JSON.parse((await cli(["list", "--json", "examples/ecommerce"])).stdout) as {
      assets: { key: string }[];
    };
    expect(json.assets).toHaveLength(22);
  });

  it("prints the protocol graph with --json, data and order edges included", async () => {
    const { stdout, code } = await cli(["graph", "--json", example]);
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout))).toEqual(["protocolVersion", "nodes", "edges", "jobs", "checks"]);
    // Read as an editor reads it: this protocol's version, every node, edge and job of the declared shape.
    const read = readCliOutput(GraphOutputSchema, stdout);
    if (!read.ok) throw new Error(`graph --json is not readable: ${JSON.stringify(read)}`);
    const graph: AssetGraph = read.value;
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: "warehouse/orders", to: "warehouse/orders_audit", kind: "order" }),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: "orders_raw", to: "enriched_orders", kind: "data" }),
    );
  });

  it("prints Graphviz with --dot and upstreams as text by default", async () => {
    expect((await cli(["graph", "--dot", example])).stdout).toContain(
      '"warehouse/orders" -> "warehouse/orders_audit" [style=dashed];',
    );
    expect((await cli(["graph", example])).stdout).toContain("enriched_orders <- orders_raw, customers\n");
    expect((await cli(["graph", "--dot", "--json", example])).code).toBe(2);
  });

  it("documents its options with --help", async () => {
    const { stdout, code } = await cli(["graph", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--dot");
  });
});

describe("the built binary", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs", "sdk"], { cwd: repo });
  }, 120_000);

  it("checks the example silently, and exits 1 with the location and a did-you-mean on a typo", () => {
    const bin = join(repo, "sdk/bin/assetline.js");
    const clean = spawnSync(process.execPath, [bin, "check", "examples/ecommerce"], { cwd: repo, encoding: "utf8" });
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, "", ""]);
    const { dir, where } = exampleWithTypo();
    const broken = spawnSync(process.execPath, [bin, "check"], { cwd: dir, encoding: "utf8" });
    expect(broken.status).toBe(1);
    expect(broken.stdout.split("\n")[0]).toBe(
      `src/warehouse.ts:${where} - error AL1001: warehouse/orders_audit: upstream asset "warehouse/ordres" is not defined in the workspace. Did you mean "warehouse/orders"?`,
    );
  });
});
