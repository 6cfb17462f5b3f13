/**
 * Evaluates a written partitions definition or mapping without running user code: literals and names the analyzer
 * follows become the constructors' arguments, and the SDK's own constructors (`define/partitions.ts`,
 * `define/mappings.ts`: pure, with the defaults) build the data, so the analyzer and the runtime fill them alike.
 * Their errors, and the calendar's (`definitionProblem`), become diagnostics on the option that causes them.
 */
import * as mappings from "../define/mappings";
import { isPartitionMapping } from "../define/mappings";
import * as definitions from "../define/partitions";
import { definitionProblem } from "../partitions";
import { isPartitionsDefinition } from "../define/partitions";
import type { PartitionMappingData, PartitionsDefinitionData } from "../protocol/partitions";
import type { FileFacts, WrittenValue } from "./facts";
import type { Span } from "./lineIndex";
import type { Resolver } from "./resolve";
import { kindOf, unfollowable } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

const CONSTRUCTORS: Record<string, (...args: never[]) => unknown> = {
  TimeWindowPartitionsDefinition: definitions.TimeWindowPartitionsDefinition,
  HourlyPartitionsDefinition: definitions.HourlyPartitionsDefinition,
  DailyPartitionsDefinition: definitions.DailyPartitionsDefinition,
  WeeklyPartitionsDefinition: definitions.WeeklyPartitionsDefinition,
  MonthlyPartitionsDefinition: definitions.MonthlyPartitionsDefinition,
  StaticPartitionsDefinition: definitions.StaticPartitionsDefinition,
  DynamicPartitionsDefinition: definitions.DynamicPartitionsDefinition,
  MultiPartitionsDefinition: definitions.MultiPartitionsDefinition,
  IdentityPartitionMapping: mappings.IdentityPartitionMapping,
  TimeWindowPartitionMapping: mappings.TimeWindowPartitionMapping,
  AllPartitionMapping: mappings.AllPartitionMapping,
  LastPartitionMapping: mappings.LastPartitionMapping,
  StaticPartitionMapping: mappings.StaticPartitionMapping,
  SpecificPartitionsPartitionMapping: mappings.SpecificPartitionsPartitionMapping,
  MultiToSingleDimensionPartitionMapping: mappings.MultiToSingleDimensionPartitionMapping,
};

/** Why a value is not known, where: `unfollowed` (only running the code would tell) or `invalid` (the SDK refuses it). */
export type ValueProblem =
  | { type: "unfollowed"; written: string; reason: string; file: FileFacts; span: Span }
  | { type: "invalid"; message: string; file: FileFacts; span: Span; duplicate: boolean };

export type Evaluated =
  | { type: "value"; value: unknown }
  /** `problem` absent: the value is a const whose problem is reported where it is written. */
  | { type: "unknown"; problem?: ValueProblem };

/** What a written value is, evaluated in `file`; `seen` stops a const that names itself. */
export function evaluate(
  file: FileFacts,
  written: WrittenValue,
  resolver: Resolver,
  seen: ReadonlySet<WrittenValue> = new Set(),
): Evaluated {
  switch (written.type) {
    case "string":
    case "number":
    case "boolean":
      return { type: "value", value: written.value };
    case "array": {
      const items: unknown[] = [];
      for (const item of written.items) {
        const evaluated = evaluate(file, item, resolver, seen);
        if (evaluated.type === "unknown") return evaluated;
        items.push(evaluated.value);
      }
      return { type: "value", value: items };
    }
    case "object": {
      const object: Record<string, unknown> = {};
      for (const [name, entry] of written.entries) {
        const evaluated = evaluate(file, entry, resolver, seen);
        if (evaluated.type === "unknown") return evaluated;
        object[name] = evaluated.value;
      }
      return { type: "value", value: object };
    }
    case "dynamic":
      return unfollowed(file, written.text, unfollowable(written.what), written.span);
    case "handle":
      return evaluateName(file, written, resolver, seen);
    case "call":
      return construct(file, written, resolver, seen);
  }
}

function evaluateName(
  file: FileFacts,
  written: Extract<WrittenValue, { type: "handle" }>,
  resolver: Resolver,
  seen: ReadonlySet<WrittenValue>,
): Evaluated {
  const { ref } = written;
  const name = ref.member ? `${ref.name}.${ref.member}` : ref.name;
  const target = resolver.ref(file, ref);
  switch (target.type) {
    case "string":
      return { type: "value", value: target.value };
    case "partitions": {
      if (seen.has(target.value)) return unfollowed(file, name, "is defined through itself", ref.span);
      const evaluated = evaluate(target.file, target.value, resolver, new Set([...seen, target.value]));
      // The const's own problem is reported on the const, once, not on each use.
      return evaluated.type === "value" ? evaluated : { type: "unknown" };
    }
    case "dynamic":
      return unfollowed(
        file,
        name,
        unfollowable(target.what, target.file === file ? "" : ` in ${target.file.path}`),
        ref.span,
      );
    case "outside":
      return unfollowed(file, name, "is imported from a package, which the analyzer does not read", ref.span);
    case "unresolved":
      return unfollowed(file, name, unresolvedImport(target).reason, ref.span);
    case "missing":
      return unfollowed(file, name, target.reason, ref.span);
    case "definition":
    case "job":
    case "check":
    case "op": {
      // Certainly no value the options take: the runtime refuses it, so this is an error, not a warning.
      const message = `\`${name}\` is ${kindOf(target)}, not a partitions definition or mapping: write one there (DailyPartitionsDefinition({ startDate: "2026-03-01" }), TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 })…).`;
      return { type: "unknown", problem: { type: "invalid", message, file, span: ref.span, duplicate: false } };
    }
    default:
      return unfollowed(file, name, `is ${kindOf(target)}, which the analyzer does not read as a value`, ref.span);
  }
}

function construct(
  file: FileFacts,
  call: Extract<WrittenValue, { type: "call" }>,
  resolver: Resolver,
  seen: ReadonlySet<WrittenValue>,
): Evaluated {
  const args: unknown[] = [];
  for (const arg of call.args) {
    const evaluated = evaluate(file, arg, resolver, seen);
    if (evaluated.type === "unknown") return evaluated;
    args.push(evaluated.value);
  }
  let value: unknown;
  try {
    value = CONSTRUCTORS[call.callee]!(...(args as never[]));
  } catch (error) {
    return invalid(file, call, (error as Error).message);
  }
  // The calendar's checks (dates in `fmt`, the time zone), which the constructors leave to the runtime.
  const problem = isPartitionsDefinition(value) ? definitionProblem(value) : undefined;
  return problem ? invalid(file, call, `${call.callee}: ${problem}.`) : { type: "value", value };
}

function unfollowed(file: FileFacts, written: string, reason: string, span: Span): Evaluated {
  return { type: "unknown", problem: { type: "unfollowed", written, reason, file, span } };
}

/** The SDK's message, on the option it names (`startDate`, `timezone`…), or on a static list's repeated key. */
function invalid(file: FileFacts, call: Extract<WrittenValue, { type: "call" }>, message: string): Evaluated {
  const problem = { type: "invalid" as const, message, file, span: call.span, duplicate: false };
  const [first] = call.args;
  if (call.callee === "StaticPartitionsDefinition" && first?.type === "array") {
    const keys = new Set<string>();
    for (const item of first.items) {
      if (item.type !== "string") continue;
      if (keys.has(item.value)) return { type: "unknown", problem: { ...problem, span: item.span, duplicate: true } };
      keys.add(item.value);
    }
  }
  // The option a message names: `timezone` in the constructors' words, a leading startDate in the calendar's.
  const option = /`(\w+)`|: (\w+) "/.exec(message)?.slice(1).find(Boolean);
  const entry =
    first?.type === "object"
      ? first.entries.find(([name]) => name === option || (option === "startDate" && name === "start"))
      : undefined;
  return { type: "unknown", problem: { ...problem, span: entry ? spanOf(entry[1]) : call.span } };
}

export function spanOf(written: WrittenValue): Span {
  return written.type === "handle" ? written.ref.span : written.span;
}

/** An evaluated value taken as what it must be, or what the runtime would say instead. */
export type Accepted<T> = { data: T } | { refused: string };

/** What a `partitionsDef` must be, said as the runtime says it. */
export function asDefinition(value: unknown): Accepted<PartitionsDefinitionData> {
  return isPartitionsDefinition(value)
    ? { data: value }
    : {
        refused:
          '`partitionsDef` must come from a partitions constructor such as DailyPartitionsDefinition({ startDate: "2026-03-01" })',
      };
}

/** What a `partitionMapping` must be. */
export function asMapping(value: unknown): Accepted<PartitionMappingData> {
  return isPartitionMapping(value)
    ? { data: value }
    : {
        refused:
          "`partitionMapping` must come from a mapping constructor such as TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 })",
      };
}
