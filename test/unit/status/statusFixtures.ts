/** Graph nodes and checks, materializations and check evaluations, and a real store to record them in, for status tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AssetCheckNode,
  type AssetGraph,
  type AssetNode,
  type AssetStatus,
  type CheckEvaluation,
  checkKey,
  type RunEvent,
} from "assetline/protocol";
import { computeStatuses, readStatusInput } from "../../../sdk/src/status/staleness";
import { openStoreReader } from "../../../sdk/src/store/openStore";
import type { StoreReader } from "../../../sdk/src/store/store";
import { materialized, recordRun } from "../run/storeRuns";

export const HOUR = 3_600_000;
/** The clock statuses are computed at. */
export const NOW = Date.UTC(2026, 2, 10, 12);

/** An asset with code version `c`, unless `more` says otherwise. */
export const node = (key: string, more: Partial<AssetNode> = {}): AssetNode => ({
  key,
  kind: "asset",
  group: "default",
  tags: {},
  kinds: [],
  owners: [],
  codeVersion: "c",
  ...more,
});

export const check = (asset: string, name: string, blocking = false): AssetCheckNode => ({
  key: checkKey(asset, name),
  name,
  asset,
  blocking,
  form: "assetCheck",
});

/** Run `r` materialized `key` (its `partition`) at `timestamp`, storing data version `dataVersion`. */
export const materializedAt = (key: string, timestamp: number, dataVersion: string, partition?: string): RunEvent =>
  materialized({
    key,
    ...(partition && { partition }),
    runId: "r",
    timestamp,
    durationMs: 1,
    metadata: {},
    codeVersion: "c",
    dataVersion,
    upstreamDataVersions: {},
  });

/** A passed evaluation by run `r` an hour before NOW, of data version `d2`, unless `more` says otherwise. */
export const evaluation = (asset: string, name: string, more: Partial<CheckEvaluation> = {}): CheckEvaluation => ({
  checkKey: checkKey(asset, name),
  asset,
  name,
  runId: "r",
  timestamp: NOW - HOUR,
  passed: true,
  severity: "error",
  blocking: false,
  metadata: {},
  dataVersion: "d2",
  durationMs: 1,
  ...more,
});

/** Records `events` as run `r` in a new store, reads it with `read`, and removes the store. */
export async function withStore<T>(events: RunEvent[], read: (store: StoreReader) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "assetline-check-status-"));
  try {
    await recordRun(join(dir, "store"), "r", events);
    const reader = await openStoreReader(join(dir, "store"));
    try {
      return await read(reader);
    } finally {
      await reader.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The statuses `status` would print at NOW for what `events` recorded, by key. */
export async function statusesAfter(graph: AssetGraph, events: RunEvent[]): Promise<Map<string, AssetStatus>> {
  const statuses = await withStore(events, async (store) =>
    computeStatuses(await readStatusInput(graph, store, new Date(NOW))),
  );
  return new Map(statuses.map((status) => [status.key, status]));
}
