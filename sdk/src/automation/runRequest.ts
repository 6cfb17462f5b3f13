/** What a sensor's function returns: runs to request (Dagster's RunRequest) or why it requests none (SkipReason). */
const RUN_REQUEST = Symbol.for("assetline.RunRequest");
const SKIP_REASON = Symbol.for("assetline.SkipReason");

export interface RunRequestInit {
  /** A key this sensor already requested is skipped: Dagster's idempotence, so a re-read file runs once. */
  runKey?: string;
  /** Assets to run instead of the sensor's target: selection syntax. */
  selection?: string;
  partitionKey?: string;
  /** Run config by asset key, as `materialize --config` takes it. */
  config?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export interface RunRequest extends Readonly<RunRequestInit> {
  readonly [RUN_REQUEST]: true;
}

export interface SkipReason {
  readonly [SKIP_REASON]: true;
  readonly message: string;
}

export function RunRequest(init: RunRequestInit = {}): RunRequest {
  for (const field of ["runKey", "selection", "partitionKey"] as const)
    if (init[field] !== undefined && typeof init[field] !== "string")
      throw new Error(`RunRequest: \`${field}\` must be a string (got ${typeof init[field]}).`);
  return Object.freeze({ ...init, [RUN_REQUEST]: true as const });
}

export function SkipReason(message: string): SkipReason {
  if (typeof message !== "string") throw new Error('SkipReason: give the reason as a string, such as "no new files".');
  return Object.freeze({ message, [SKIP_REASON]: true as const });
}

export function isRunRequest(value: unknown): value is RunRequest {
  return typeof value === "object" && value !== null && RUN_REQUEST in value;
}

export function isSkipReason(value: unknown): value is SkipReason {
  return typeof value === "object" && value !== null && SKIP_REASON in value;
}
