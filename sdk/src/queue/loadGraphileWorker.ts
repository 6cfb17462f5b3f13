/**
 * Graphile Worker, loaded at first use only: a workspace on SQLite, or one that never runs `assetline worker`, never
 * loads it and need not install it. The one module that imports it.
 */
import type * as GraphileWorker from "graphile-worker";

export type GraphileWorkerModule = typeof GraphileWorker;

let loaded: Promise<GraphileWorkerModule> | undefined;

export function loadGraphileWorker(): Promise<GraphileWorkerModule> {
  loaded ??= import("graphile-worker").catch((error: unknown) => {
    loaded = undefined;
    throw new Error(
      `the queued executor runs on Graphile Worker, which is not installed (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): npm install graphile-worker pg`,
    );
  });
  return loaded;
}
