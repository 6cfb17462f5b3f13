/** The states a node shows, their words and icons, and the live overlay from the runner's events. */
import type { AssetState, AssetStatus, RunEvent } from "assetline/protocol";

export const STATE_INFO: Record<AssetState, { label: string; icon: string }> = {
  never: { label: "Never materialized", icon: "○" },
  fresh: { label: "Fresh", icon: "●" },
  stale: { label: "Stale", icon: "◐" },
  failed: { label: "Failed", icon: "✖" },
  running: { label: "Running", icon: "⟳" },
};

export const STATES = Object.keys(STATE_INFO) as AssetState[];

/**
 * Live states from the current run, laid over the stored statuses until the host sends fresh ones:
 * a started step shows running, a finished one fresh or failed.
 */
export class RunOverlay {
  private readonly live = new Map<string, AssetState>();

  apply(event: RunEvent): void {
    const state: Partial<Record<RunEvent["type"], AssetState>> = { step_started: "running", step_retrying: "running", step_succeeded: "fresh", step_failed: "failed" };
    const next = state[event.type];
    if (next && "assets" in event) for (const key of event.assets) this.live.set(key, next);
  }

  /** New statuses from the store supersede finished steps; steps still running keep their overlay. */
  settle(): void {
    for (const [key, state] of this.live) if (state !== "running") this.live.delete(key);
  }

  keys(): Iterable<string> {
    return this.live.keys();
  }

  stateOf(key: string, status: AssetStatus | undefined): AssetState {
    return this.live.get(key) ?? status?.state ?? "never";
  }
}
