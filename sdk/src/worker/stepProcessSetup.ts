/**
 * How `assetline worker` starts a step process: the CLI forked with its setup in one environment variable, taken out
 * before user code runs (so processes it starts are not step processes). Kept out of stepProcess.ts, so the worker's
 * own process never reaches the code that loads a bundle.
 */
const STEP_PROCESS_VARIABLE = "ASSETLINE_STEP_PROCESS";

/** What the worker tells a step process when it starts it. */
export interface StepProcessSetup {
  hash: string;
  /** The worker's store folder: the fetched bundle is written under its `bundles/`. */
  storeDir: string;
  /** Where large values and Parquet tables go (`--storage`). */
  storage: string;
}

export function stepProcessEnv(setup: StepProcessSetup): Record<string, string> {
  return { [STEP_PROCESS_VARIABLE]: JSON.stringify(setup) };
}

/** This process's setup when it is a step process (the variable is not passed on to processes user code starts). */
export function stepProcessSetup(): StepProcessSetup | undefined {
  const value = process.env[STEP_PROCESS_VARIABLE];
  delete process.env[STEP_PROCESS_VARIABLE];
  return value !== undefined && process.send !== undefined ? (JSON.parse(value) as StepProcessSetup) : undefined;
}
