/** The states a node shows, their words and icons, and the live overlay from the runner's events. */
import type { AssetState, AssetStatus, RunEvent } from "assetline/protocol";
import { STATE_WORDS } from "assetline/describe";

const ICONS: Record<AssetState, string> = {
  never: "○",
  fresh: "●",
  stale: "◐",
  failed: "✖",
  unknown: "◌",
  running: "⟳",
};
const label = (state: AssetState) => STATE_WORDS[state][0]!.toUpperCase() + STATE_WORDS[state].slice(1);

export const STATE_INFO = Object.fromEntries(
  (Object.keys(ICONS) as AssetState[]).map((state) => [state, { label: label(state), icon: ICONS[state] }]),
) as Record<AssetState, { label: string; icon: string }>;

export const STATES = Object.keys(STATE_INFO) as AssetState[];

/**
 * Live states from the current run, laid over the stored statuses until the host sends fresh ones:
 * a started step shows running, a finished one fresh or failed.
 */
export class RunOverlay {
  private readonly live = new Map<string, AssetState>();

  apply(event: RunEvent): void {
    const state: Partial<Record<RunEvent["type"], AssetState>> = {
      step_started: "running",
      step_retrying: "running",
      step_succeeded: "fresh",
      step_failed: "failed",
    };
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
