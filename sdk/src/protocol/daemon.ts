/**
 * `assetline dev`: what crosses the daemon's socket (JSON-RPC) and what its discovery file holds. Both sides validate
 * with these schemas; a peer of another `DAEMON_PROTOCOL_VERSION` is not spoken to (the CLI then works directly).
 */
import * as v from "valibot";
import { RunEventSchema } from "./runEvents";
import { AssetStatusSchema, RunSummarySchema } from "./state";

/** Bumped whenever a method, a parameter or a result changes incompatibly. */
export const DAEMON_PROTOCOL_VERSION = 3;

/** `<store>/daemon.json`: who serves the store's socket, so a second start and the CLI can find it. */
export const DaemonInfoSchema = v.object({
  daemonProtocolVersion: v.number(),
  pid: v.number(),
  /** Epoch ms. */
  started: v.number(),
  root: v.string(),
  /** Relative to the root, as the analyzer takes it; absent: auto-discovery. */
  definitionsFile: v.optional(v.string()),
});
export type DaemonInfo = v.InferOutput<typeof DaemonInfoSchema>;

/** `hello`: the first request of every connection; the answer is the daemon's info. */
export const HelloParamsSchema = v.object({ daemonProtocolVersion: v.number() });

/** `status`: `assetline status --json`'s output, from the daemon's warm analyzer and store. */
export const StatusParamsSchema = v.object({ select: v.optional(v.string()) });
export const StatusResultSchema = v.object({
  assets: v.array(AssetStatusSchema),
  /** The analyzer's errors: the CLI warns as it does without a daemon. */
  definitionErrors: v.number(),
});
export type StatusResult = v.InferOutput<typeof StatusResultSchema>;

/** `materialize`: the CLI's `materialize` options (without `--json`, `--store`, `--definitions`: the daemon's own). */
export const MaterializeParamsSchema = v.object({
  /** Chosen by the caller: the `run/event` and `run/stderr` notifications of this run carry it. */
  ticket: v.string(),
  /** Where the caller stands: the run process runs there, so relative paths in its messages read the same. */
  cwd: v.string(),
  keys: v.array(v.string()),
  /** Long option name without dashes → its value (`true` for a switch), as the CLI parsed it. */
  options: v.record(v.string(), v.union([v.string(), v.boolean()])),
});
export type MaterializeParams = v.InferOutput<typeof MaterializeParamsSchema>;
export const MaterializeResultSchema = v.object({ exitCode: v.number(), runId: v.optional(v.string()) });

export const RunsParamsSchema = v.object({ limit: v.number() });
export const RunsResultSchema = v.object({ runs: v.array(RunSummarySchema) });

export const LogsParamsSchema = v.object({ runId: v.string() });
export const LogsResultSchema = v.object({ events: v.array(RunEventSchema) });

/** `cancel`: a run by its id (or the start of one) or by the ticket that started it; as Ctrl-C on its CLI. */
export const CancelParamsSchema = v.object({ runId: v.optional(v.string()), ticket: v.optional(v.string()) });
export const CancelResultSchema = v.object({ cancelled: v.boolean() });

/** `subscribe`: from then on the connection receives every run's `run/event` notifications. */
export const SubscribeParamsSchema = v.object({});

/**
 * One tick of a schedule, as the store records it: `started` before its run starts (so a restarted daemon never runs it
 * again), then `succeeded` or `failed` with the run's id; `skipped` (with a reason) when it did not run.
 */
export const TickStatusSchema = v.picklist(["started", "succeeded", "failed", "skipped"]);
export type TickStatus = v.InferOutput<typeof TickStatusSchema>;
export const TickSchema = v.object({
  schedule: v.string(),
  /** The cron time it is the tick of, epoch ms. */
  tickAt: v.number(),
  status: TickStatusSchema,
  runId: v.optional(v.string()),
  reason: v.optional(v.string()),
  /** When its status was last recorded, epoch ms. */
  recordedAt: v.number(),
});
export type Tick = v.InferOutput<typeof TickSchema>;

/** `ticks`: each schedule of the workspace, its next tick and its latest recorded one (`assetline schedules`). */
export const TicksParamsSchema = v.object({});
export const ScheduleTicksSchema = v.object({
  name: v.string(),
  cron: v.string(),
  timezone: v.string(),
  /** Epoch ms; absent when the cron never ticks again. */
  nextTick: v.optional(v.number()),
  lastTick: v.optional(TickSchema),
  /** Paused with `setPaused`: it does not tick. */
  paused: v.optional(v.boolean()),
});
export type ScheduleTicks = v.InferOutput<typeof ScheduleTicksSchema>;
export const TicksResultSchema = v.object({ schedules: v.array(ScheduleTicksSchema) });
export type TicksResult = v.InferOutput<typeof TicksResultSchema>;

/** `run/event`: one event of a run the daemon started. */
export const RunEventNotificationSchema = v.object({ ticket: v.string(), event: RunEventSchema });
/** `run/stderr`: what the run process wrote on stderr (its failures, as the CLI prints them). */
export const RunStderrNotificationSchema = v.object({ ticket: v.string(), text: v.string() });

export const DaemonMethods = {
  hello: "hello",
  status: "status",
  materialize: "materialize",
  runs: "runs",
  logs: "logs",
  cancel: "cancel",
  ticks: "ticks",
  subscribe: "subscribe",
  sensors: "sensors",
  tickNow: "tickNow",
  setPaused: "setPaused",
  evaluations: "evaluations",
  shutdown: "shutdown",
  runEvent: "run/event",
  runStderr: "run/stderr",
  /** Sent to every connection as the daemon stops, after its cancelled runs' answers. */
  stopping: "daemon/stopping",
} as const;

/** A request the daemon refused: the CLI prints `message` as it would and exits with `exitCode`. */
export const DaemonErrorDataSchema = v.object({ exitCode: v.number() });
