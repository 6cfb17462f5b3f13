/**
 * Automation evaluations in the store: each tick replaces the latest answer of every asset (partition) it evaluated and
 * the evaluator's state, in one transaction; the run started for them is recorded on those answers; a store written
 * before automation (schema 10) takes the tables when opened.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AutomationState } from "../../../sdk/src/automation/evaluate";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { UNDO_SCHEMA_11 } from "../run/olderStore";
import { freshStores } from "./freshStores";
import { storeKinds } from "./storeKinds";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const storeDir = () => {
  dir = mkdtempSync(join(tmpdir(), "assetline-automation-"));
  return join(dir, ".assetline");
};

const state = (evaluatedAt: number): AutomationState => ({
  evaluatedAt,
  assets: { clean: { requested: [""], since: { "0.1": { "": { on: true } } }, newlyTrue: {} } },
});

describe.each(storeKinds)("automation evaluations in the store ($name)", (kind) => {
  const fresh = freshStores(kind);

  it("keeps the latest answer per asset and partition, and the state the next tick starts from", async () => {
    const { store, location: folder } = await fresh();
    expect(await store.automationState()).toBeUndefined();
    await store.recordAutomationEvaluation({
      evaluatedAt: 1_000,
      state: state(1_000),
      results: [
        {
          key: "clean",
          willRun: true,
          reason: "will run: upstream raw was updated since this asset's last materialization",
        },
        {
          key: "daily",
          partition: "2026-12-05",
          willRun: false,
          reason: "not now: nothing changed since the last request",
        },
        { key: "daily", partition: "2026-12-06", willRun: true, reason: "will run: it is missing" },
      ],
    });
    await store.recordAutomationRun("run-1", 1_000, [{ key: "clean" }]);
    await store.recordAutomationRun("run-2", 1_000, [{ key: "daily", partition: "2026-12-06" }]);
    await store.recordAutomationEvaluation({
      evaluatedAt: 2_000,
      state: state(2_000),
      results: [{ key: "daily", partition: "2026-12-06", willRun: false, reason: "not now: already in progress" }],
    });
    // A run whose id is known only after the next evaluation is not put on it.
    await store.recordAutomationRun("run-3", 1_000, [{ key: "daily", partition: "2026-12-06" }]);
    await store.flush();

    const reader = await openStoreReader(folder);
    expect(await reader.latestAutomationEvaluations()).toEqual(
      new Map([
        [
          "clean",
          [
            {
              key: "clean",
              evaluatedAt: 1_000,
              willRun: true,
              reason: "will run: upstream raw was updated since this asset's last materialization",
              runId: "run-1",
            },
          ],
        ],
        [
          "daily",
          [
            {
              key: "daily",
              partition: "2026-12-05",
              evaluatedAt: 1_000,
              willRun: false,
              reason: "not now: nothing changed since the last request",
            },
            // A new answer forgets the run of the old one.
            {
              key: "daily",
              partition: "2026-12-06",
              evaluatedAt: 2_000,
              willRun: false,
              reason: "not now: already in progress",
            },
          ],
        ],
      ]),
    );
    expect([...(await reader.latestAutomationEvaluations(["clean", "other"])).keys()]).toEqual(["clean"]);
    expect(await reader.automationState()).toEqual(state(2_000));
    await reader.close();
  });
});

describe("automation evaluations in the store (SQLite)", () => {
  it("adds the tables to a store written before automation, keeping its runs", async () => {
    const folder = storeDir();
    const store = await openStore(folder);
    await store.startRun({ id: "old", selection: "*", origin: "cli", startedAt: 1 });
    await store.close();
    const db = new Database(join(folder, DATABASE_FILE));
    db.exec(UNDO_SCHEMA_11);
    db.close();
    const reopened = await openStore(folder);
    expect((await reopened.run("old"))?.id).toBe("old");
    await reopened.recordAutomationEvaluation({ evaluatedAt: 5, state: state(5), results: [] });
    expect((await reopened.automationState())?.evaluatedAt).toBe(5);
    await reopened.close();
  });
});
