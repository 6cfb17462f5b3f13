/**
 * A materialization's value and its record never disagree: a run killed between storing a value and committing its
 * record, two runs materializing the same asset at once, or an upstream rewritten while a downstream runs all leave
 * the latest record describing the value a downstream loads, and the downstream recording the version it loaded.
 */
import Database from "better-sqlite3";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AssetStatus, Materialization } from "assetline/protocol";
import { cli, fixtureWorkspaces, startCli, waitForOutput } from "./workspace";
import { UNDO_SCHEMA_5 } from "./olderStore";

const workspace = fixtureWorkspaces();

/** More trials with ASSETLINE_FAULT_ROUNDS=50; CI runs a few. */
const ROUNDS = Number(process.env.ASSETLINE_FAULT_ROUNDS ?? 3);

// `big` is over 8 KB, so it is stored as a file; its version comes from version.txt and is in its metadata.
const PIPELINE = `import { asset } from "assetline";
import { readFileSync } from "node:fs";
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
export const big = asset((ctx) => {
  const version = readFileSync("version.txt", "utf8");
  ctx.addOutputMetadata({ version, run: ctx.runId });
  return { version, run: ctx.runId, pad: "x".repeat(20_000) };
});
// Runs right after big, in the same turn of the event loop: blocking here keeps big's record from committing.
export const linger = asset({ deps: ["big"] }, () => {
  block(process.env.FREEZE === "1" ? 600_000 : Math.random() * Number(process.env.LINGER_MS ?? 0));
  return 1;
});
export const down = asset({ ins: { big } }, ({ big }, ctx) => {
  ctx.addOutputMetadata({ loaded: big.version, loadedRun: big.run });
  return big.version;
});
`;

async function show(root: string, key: string): Promise<Materialization> {
  const result = await cli(["show", key, "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Materialization;
}

const text = (m: Materialization, name: string) => (m.metadata[name] as { value: unknown } | undefined)?.value;

/** What a user checks: down loaded the value big's latest record describes, and recorded that record's data version. */
async function expectDownConsistent(root: string): Promise<void> {
  const result = await cli(["materialize", "down"], root);
  expect(result.code, result.stderr).toBe(0);
  const big = await show(root, "big");
  const down = await show(root, "down");
  expect({ loaded: text(down, "loaded"), run: text(down, "loadedRun") }).toEqual({
    loaded: text(big, "version"),
    run: text(big, "run"),
  });
  expect(down.upstreamDataVersions.big).toBe(big.dataVersion);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a materialization's value and its record", () => {
  it("stay consistent when the run is killed -9 after storing a value and before its record commits", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE, "version.txt": "v1" });
    expect((await cli(["materialize"], root)).code).toBe(0);
    const before = await show(root, "big");

    writeFileSync(join(root, "version.txt"), "v2");
    const child = startCli(["materialize", "big", "linger"], root, { FREEZE: "1" });
    const storage = join(root, ".assetline", "storage");
    // The new value is on disk; linger blocks the process, so the record cannot have committed.
    await waitUntil(
      () => filesUnder(storage).some((file) => readFileSync(file, "utf8").includes('"v2"')),
      "v2 is stored",
    );
    child.kill("SIGKILL");
    expect((await child.done).signal).toBe("SIGKILL");

    const status = JSON.parse((await cli(["status", "--json"], root)).stdout) as { assets: AssetStatus[] };
    const big = status.assets.find((s) => s.key === "big")!;
    expect(big.lastMaterialization?.dataVersion).toBe(before.dataVersion);
    await expectDownConsistent(root);
    expect(text(await show(root, "down"), "loaded")).toBe("v1");
    // The killed run's value, which no record points to, was collected by the run after it.
    expect(filesUnder(storage).filter((file) => readFileSync(file, "utf8").includes('"v2"'))).toEqual([]);
    expect((await cli(["materialize", "--stale"], root)).code).toBe(0);
    await expectDownConsistent(root);
  });

  it("agree after two runs materialize the same asset at once", { timeout: 60_000 + ROUNDS * 20_000 }, async () => {
    const root = workspace({ "src/assets.ts": PIPELINE, "version.txt": "v0" });
    expect((await cli(["materialize"], root)).code).toBe(0);
    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(join(root, "version.txt"), `v${round + 1}`);
      const env = { LINGER_MS: "300" };
      const runs = await Promise.all([
        cli(["materialize", "big", "linger"], root, env),
        cli(["materialize", "big", "linger"], root, env),
      ]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      await expectDownConsistent(root);
    }
  });

  it("make a downstream record the upstream version it loaded when another run rewrites the upstream mid-run", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
import { existsSync, readFileSync } from "node:fs";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const up = asset((ctx) => {
  const version = readFileSync("version.txt", "utf8");
  ctx.addOutputMetadata({ version });
  return { version, pad: "x".repeat(Number(process.env.PAD ?? 0)) };
});
export const gate = asset(async () => {
  while (!existsSync("go")) await sleep(10);
  return 1;
});
export const down = asset({ ins: { up }, deps: ["gate"] }, ({ up }, ctx) => {
  ctx.addOutputMetadata({ loaded: up.version });
  return up.version;
});
`,
      "version.txt": "v1",
      go: "",
    });
    // Small values live in the store's table, large ones in files: both must hold.
    for (const pad of ["0", "20000"]) {
      writeFileSync(join(root, "version.txt"), `v1-${pad}`);
      writeFileSync(join(root, "go"), "");
      expect((await cli(["materialize"], root, { PAD: pad })).code).toBe(0);
      rmSync(join(root, "go"));
      const run = startCli(["materialize", "--json", "gate", "down"], root);
      await waitForOutput(run, /"type":"step_started"[^\n]*"stepId":"gate"/);
      writeFileSync(join(root, "version.txt"), `v2-${pad}`);
      expect((await cli(["materialize", "up"], root, { PAD: pad })).code).toBe(0);
      writeFileSync(join(root, "go"), "");
      expect((await run.done).code).toBe(0);
      const up = await show(root, "up");
      const down = await show(root, "down");
      expect(text(down, "loaded")).toBe(`v2-${pad}`);
      expect(down.upstreamDataVersions.up).toBe(up.dataVersion);
    }
  });

  it("leave no unreferenced value behind once no run is running", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE, "version.txt": "v1" });
    for (const version of ["v1", "v2", "v3"]) {
      writeFileSync(join(root, "version.txt"), version);
      expect((await cli(["materialize", "big"], root)).code).toBe(0);
    }
    const storage = join(root, ".assetline", "storage");
    const files = filesUnder(storage);
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0]!, "utf8")).toContain('"v3"');
    expect(statSync(files[0]!).isFile()).toBe(true);
  });

  it("keep the values an older Assetline stored (storage/<key>.json, one row per key), until they are replaced", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
import { readFileSync } from "node:fs";
const v = () => readFileSync("version.txt", "utf8");
export const big = asset(() => ({ v: v(), pad: "x".repeat(20_000) }));
export const small = asset(() => ({ v: v() }));
export const both = asset({ ins: { big, small } }, ({ big, small }, ctx) => {
  ctx.addOutputMetadata({ loaded: big.v + "/" + small.v });
  return 1;
});
`,
      "version.txt": "v1",
    });
    expect((await cli(["materialize"], root)).code).toBe(0);
    // Back to the layout of schema 2: values by key, in asset_values and storage/<key>.json, records without value_ref.
    const storeDir = join(root, ".assetline");
    const db = new Database(join(storeDir, "assetline.db"));
    const latest = `FROM latest_materializations l JOIN materializations m ON m.id = l.materialization_id`;
    for (const { key, value_ref } of db.prepare(`SELECT m.key, m.value_ref ${latest}`).all() as {
      key: string;
      value_ref: string;
    }[]) {
      if (value_ref.startsWith("file:"))
        renameSync(
          join(storeDir, "storage", `${key}.${value_ref.slice(5)}.json`),
          join(storeDir, "storage", `${key}.json`),
        );
    }
    db.exec(UNDO_SCHEMA_5);
    db.exec(`INSERT INTO asset_values (key, body) SELECT m.key, v.body ${latest}
        JOIN stored_values v ON 'table:' || v.hash = m.value_ref;
      DROP TABLE stored_values; ALTER TABLE materializations DROP COLUMN value_ref;
      ALTER TABLE runs DROP COLUMN heartbeat_at; ALTER TABLE runs DROP COLUMN heartbeat_ms;
      DELETE FROM schema_version WHERE version >= 3;`);
    db.close();

    writeFileSync(join(root, "version.txt"), "v2");
    expect((await cli(["materialize", "both"], root)).code).toBe(0);
    const both = await show(root, "both");
    expect(text(both, "loaded")).toBe("v1/v1");
    expect(both.upstreamDataVersions).toEqual({
      big: (await show(root, "big")).dataVersion,
      small: (await show(root, "small")).dataVersion,
    });
    expect(readdirSync(join(storeDir, "storage"))).toEqual(["big.json"]);

    expect((await cli(["materialize", "big", "small"], root)).code).toBe(0);
    expect(readdirSync(join(storeDir, "storage"))).toEqual([expect.stringMatching(/^big\.[0-9a-f]{64}\.json$/)]);
    const after = new Database(join(storeDir, "assetline.db"), { readonly: true });
    expect(after.prepare("SELECT key FROM asset_values").all()).toEqual([]);
    after.close();
  });
});
