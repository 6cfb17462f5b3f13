import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveCli } from "../../../client/src/run/cliResolution";
import { workspaceCli } from "../../../sdk/src/cli/locate";
import { keySelection } from "../../../client/src/run/keySelection";
import { resolveSelection } from "../../../sdk/src/run/resolveSelection";
import { cliArgs, cliEnv, materializeArgs } from "../../../client/src/run/materializeArgs";

const example = resolve(__dirname, "../../../examples/ecommerce");
const sdkBin = resolve(__dirname, "../../../sdk/bin/assetline.js");
const bare = mkdtempSync(join(tmpdir(), "assetline-no-dep-"));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

describe("CLI resolution", () => {
  it("finds the CLI of the assetline package the workspace depends on", () => {
    expect(workspaceCli(example)).toBe(sdkBin);
    expect(resolveCli(example, undefined)).toEqual({ bin: sdkBin, bundled: false });
  });

  it("falls back to the bundled CLI only when the workspace has none and the bundle exists", () => {
    const bundled = join(bare, "cli.js");
    expect(resolveCli(bare, bundled)).toBeUndefined();
    writeFileSync(bundled, "");
    expect(resolveCli(bare, bundled)).toEqual({ bin: bundled, bundled: true });
    expect(resolveCli(example, bundled)).toEqual({ bin: sdkBin, bundled: false });
  });
});

describe("materialize arguments", () => {
  const defaults = { concurrency: 0, storeFolder: ".assetline", definitionsFile: "" };

  it("asks for JSON events from an editor run, with the workspace last", () => {
    expect(materializeArgs("/ws/bin.js", "/ws", { selection: "+key:revenue_by_segment" }, defaults)).toEqual([
      "/ws/bin.js",
      "materialize",
      "--json",
      "--origin",
      "editor",
      "--select",
      "+key:revenue_by_segment",
      "/ws",
    ]);
  });

  it("passes the run config file of Materialize with Config…", () => {
    const target = { selection: 'key:"daily_report"', configFile: "/s/daily_report.run-config.json" };
    expect(materializeArgs("/ws/bin.js", "/ws", target, defaults).slice(5, -1)).toEqual([
      "--select",
      'key:"daily_report"',
      "--config",
      "/s/daily_report.run-config.json",
    ]);
  });

  it("runs a job by name, so the run is recorded as the job's", () => {
    expect(materializeArgs("/ws/bin.js", "/ws", { job: "gold_revenue" }, defaults)).toEqual([
      "/ws/bin.js",
      "materialize",
      "--json",
      "--origin",
      "editor",
      "--job",
      "gold_revenue",
      "/ws",
    ]);
  });

  it("passes concurrency and a moved store folder, resolved against the workspace", () => {
    expect(
      materializeArgs(
        "/ws/bin.js",
        "/ws",
        { stale: true },
        { concurrency: 3, storeFolder: "state/runs", definitionsFile: "" },
      ),
    ).toEqual([
      "/ws/bin.js",
      "materialize",
      "--json",
      "--origin",
      "editor",
      "--stale",
      "--concurrency",
      "3",
      "--store",
      resolve("/ws/state/runs"),
      "/ws",
    ]);
  });

  it("passes the definitions file the editor analyzes, so the run selects from the same graph", () => {
    expect(
      materializeArgs("/ws/bin.js", "/ws", { selection: "key:a" }, { ...defaults, definitionsFile: " src/defs.ts " }),
    ).toEqual([
      "/ws/bin.js",
      "materialize",
      "--json",
      "--origin",
      "editor",
      "--select",
      "key:a",
      "--definitions",
      resolve("/ws/src/defs.ts"),
      "/ws",
    ]);
  });

  it("refuses a concurrency that is not a whole number, naming the setting", () => {
    expect(() =>
      materializeArgs(
        "b",
        "/ws",
        { stale: true },
        { concurrency: 1.5, storeFolder: ".assetline", definitionsFile: "" },
      ),
    ).toThrow(/assetline\.concurrency/);
  });

  it("gives other commands the same store and the workspace", () => {
    expect(
      cliArgs("/ws/bin.js", "/ws", "wipe", ["orders_raw", "--yes"], {
        concurrency: 0,
        storeFolder: "/abs/store",
        definitionsFile: "",
      }),
    ).toEqual(["/ws/bin.js", "wipe", "orders_raw", "--yes", "--store", "/abs/store", "/ws"]);
  });
});

describe("key selections", () => {
  it("selects an asset, its upstream or its downstream, prefixed keys included", () => {
    expect(keySelection("asset", ["warehouse/orders"])).toBe('key:"warehouse/orders"');
    expect(keySelection("upstream", ["revenue_by_segment"])).toBe('+key:"revenue_by_segment"');
    expect(keySelection("downstream", ["orders_raw"])).toBe('key:"orders_raw"+');
    // A multi-asset's specs on one line share a lens, which passes all their keys.
    expect(keySelection("upstream", ["users", "posts"])).toBe('+key:"users" or +key:"posts"');
  });

  it("quotes a key spelled like a keyword, and refuses one that would widen the selection", () => {
    const selection = keySelection("asset", ["or"]);
    expect(selection).toBe('key:"or"');
    const node = (key: string) => ({ key, group: "default", tags: {}, kinds: [], owners: [] });
    const graph = { nodes: ["or", "a", "b"].map(node), edges: [] };
    expect([...resolveSelection(selection, graph)]).toEqual(["or"]);
    for (const hostile of ["x or *", "*", 'x" or key:"*', "a b", "x\nor *"])
      expect(() => keySelection("asset", [hostile]), hostile).toThrow(/nothing was materialized: asset key/);
  });
});

describe("the team settings", () => {
  const defaults = { concurrency: 0, storeFolder: ".assetline", definitionsFile: "" };
  it("reach the CLI as environment variables, never as arguments", () => {
    const settings = {
      ...defaults,
      store: " postgres://ann:s3cret@db:5432/x?schema=team ",
      executor: "queue" as const,
      storage: "/shared/assetline",
    };
    expect(cliEnv(settings)).toEqual({
      ASSETLINE_STORE_URL: "postgres://ann:s3cret@db:5432/x?schema=team",
      ASSETLINE_EXECUTOR: "queue",
      ASSETLINE_STORAGE: "/shared/assetline",
    });
    expect(materializeArgs("/bin/assetline.js", "/w", { stale: true }, settings).join(" ")).not.toContain("s3cret");
    expect(cliEnv({ ...defaults, store: "", storage: "  " })).toEqual({});
  });
});
