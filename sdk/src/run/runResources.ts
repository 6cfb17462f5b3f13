/** A run's resource pool, after checking that every resource its steps request is provided. */
import { workspaceEnv } from "../resources/dotEnv";
import { assertResourcesProvided } from "../resources/missingResources";
import { ResourcePool } from "../resources/resourcePool";
import { type ExecutionStep, isCheckStep } from "./plan";

export interface RunResourcesOptions {
  /** By key: resource definitions or plain values. */
  provided: Readonly<Record<string, unknown>>;
  /** The workspace whose `.env` file `EnvVar`s also read; absent: only the process environment. */
  root?: string;
  signal: AbortSignal;
  /** Where an asset is defined, for the error about a resource nobody provides. */
  locate?: (key: string) => string | undefined;
}

/** Throws, before any step runs, when a planned asset requests a resource `provided` lacks. */
export function runResources(steps: readonly ExecutionStep[], options: RunResourcesOptions): ResourcePool {
  const requests = steps.map((step) =>
    isCheckStep(step)
      ? { key: step.planned[0]!.key, resources: step.check.resources ?? [], check: true }
      : { key: step.assets[0]!, resources: step.definition.resources ?? [] },
  );
  assertResourcesProvided(requests, Object.keys(options.provided), options.locate);
  return new ResourcePool({ provided: options.provided, env: workspaceEnv(options.root), signal: options.signal });
}
