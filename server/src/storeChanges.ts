/**
 * What tells a folder's statuses that its store changed, chosen by the folder's settings: the store folder's watcher
 * for SQLite, the poll for a shared PostgreSQL store. A new setting builds a new folder, and with it the other one.
 */
import { isSharedStoreUrl, redactUrl } from "assetline/protocol";
import { SHARED_STORE_POLL_MS, SharedStorePoll } from "./sharedStorePoll";
import { StoreWatcher } from "./storeWatcher";
import type { Log } from "./tryHandler";
import type { CliTarget } from "./workspaceCli";

export interface StoreChanges {
  /** Called after each read of the store, so the read's own traces are not taken for a change. */
  acknowledge(): void;
  dispose(): void;
}

export function followStore(target: CliTarget, onChange: () => void, log: Log): StoreChanges {
  const folder = new StoreWatcher(target.storeDir, onChange);
  const { storeUrl } = target;
  if (!storeUrl || !isSharedStoreUrl(storeUrl)) return folder;
  // The store folder is still watched: it holds this machine's daemon.json, which says whether `assetline dev` runs.
  const poll = new SharedStorePoll({ ...target, storeUrl }, onChange, log);
  log.log(
    `Assetline: ${target.root} reads the shared store ${redactUrl(storeUrl)}, asking for its newest run every ${SHARED_STORE_POLL_MS / 1000} s.`,
  );
  return {
    acknowledge: () => folder.acknowledge(),
    dispose: () => {
      folder.dispose();
      poll.dispose();
    },
  };
}
