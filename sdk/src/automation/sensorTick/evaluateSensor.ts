/**
 * One tick of a sensor's function, in a run process (`assetline sensor-tick`): the function called with its context
 * (and, for an asset or run-status sensor, once per new materialization or finished run), its results as data.
 * Whatever the user's code does wrong is a message on the tick, never a crash of the caller.
 */
import type { RunRequestData, SensorTickInput, SensorTickOutput } from "../../protocol/sensorTick";
import { isRunRequest, isSkipReason, type RunRequest } from "../runRequest";
import type { SensorContext, SensorInfo, SensorResult } from "../sensor";

export async function evaluateSensor(
  info: SensorInfo & { name: string },
  input: SensorTickInput,
): Promise<SensorTickOutput> {
  const evaluate = info.evaluate;
  // Without a function (a graph that does not say so, else the daemon needs no process): the target once per event.
  if (evaluate === undefined) return { requests: (input.materializations ?? input.runs ?? []).map(() => ({})) };
  // The cursor the function set, if it did: only then is it stored.
  const updated: { cursor?: string } = {};
  const context: SensorContext = {
    get cursor() {
      return updated.cursor ?? input.cursor;
    },
    updateCursor(value: string) {
      if (typeof value !== "string")
        throw new Error(`updateCursor takes a string (got ${typeof value}): JSON.stringify a structured cursor.`);
      updated.cursor = value;
    },
    lastTickAt: input.lastTickAt === undefined ? undefined : new Date(input.lastTickAt),
  };
  // A plain sensor is called once; an asset or run-status sensor once per event, in order.
  const events: unknown[] =
    info.kind === "asset"
      ? (input.materializations ?? [])
      : info.kind === "runStatus"
        ? (input.runs ?? [])
        : [undefined];
  const requests: RunRequestData[] = [];
  const skipped: string[] = [];
  try {
    for (const event of events) {
      const result = await evaluate(context, event as never);
      const read = readResult(info.name, result);
      requests.push(...read.requests);
      if (read.skipReason !== undefined) skipped.push(read.skipReason);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      requests: [],
      error: error instanceof ResultProblem ? message : `sensor "${info.name}" threw: ${message}`,
    };
  }
  return {
    requests,
    ...(requests.length === 0 && skipped.length > 0 ? { skipReason: skipped.join("; ") } : {}),
    ...updated,
  };
}

/** The function returned something that is no sensor result: said as such, not as a throw. */
class ResultProblem extends Error {}

function readResult(name: string, result: SensorResult): { requests: RunRequestData[]; skipReason?: string } {
  if (result === undefined || result === null) return { requests: [] };
  if (isSkipReason(result)) return { requests: [], skipReason: result.message };
  const list: unknown[] = Array.isArray(result) ? result : [result];
  return {
    requests: list.map((item) => {
      if (!isRunRequest(item))
        throw new ResultProblem(
          `sensor "${name}" returned ${describe(item)}: return RunRequest({ ... }), a list of them, SkipReason("why") or nothing.`,
        );
      return requestData(name, item);
    }),
  };
}

function requestData(name: string, request: RunRequest): RunRequestData {
  const { runKey, selection, partitionKey, config, tags } = request;
  if (config !== undefined && !isPlainObject(config))
    throw new ResultProblem(`sensor "${name}": RunRequest's \`config\` must be an object of run config by asset key.`);
  if (tags !== undefined && !(isPlainObject(tags) && Object.values(tags).every((tag) => typeof tag === "string")))
    throw new ResultProblem(`sensor "${name}": RunRequest's \`tags\` must be an object of strings.`);
  return {
    ...(runKey !== undefined && { runKey }),
    ...(selection !== undefined && { selection }),
    ...(partitionKey !== undefined && { partitionKey }),
    ...(config !== undefined && { config: JSON.parse(JSON.stringify(config)) as Record<string, unknown> }),
    ...(tags !== undefined && { tags }),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a nested list";
  return value === null ? "null" : typeof value === "object" ? "an object that is no RunRequest" : `a ${typeof value}`;
}
