/** What the daemon and its warm run process say to each other over the child's IPC channel. */
import type { Format } from "esbuild";

/** The daemon's first message: the bundle to load and the warm graph it was built with. */
export interface LoadMessage {
  type: "load";
  /** The content-addressed bundle in the store's build folder. */
  bundle: string;
  format: Format;
  /** The bundle's entry files, in its order (absolute, with `/`). */
  entryFiles: string[];
  /** Absolute, with `/`; absent: every file that defines an asset counts. */
  definitionsFile?: string;
  /** The daemon's graph, as a JSON file beside the bundle: written once per code change, not sent to each process. */
  graph: string;
}

/** The one run: `assetline <argv>` as the cold run process would be started, from `cwd`. */
export interface RunMessage {
  type: "run";
  argv: string[];
  cwd: string;
}

/** The run process's only message: it has loaded the bundle and waits for its run. */
export interface ReadyMessage {
  type: "ready";
}
