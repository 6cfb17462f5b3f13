/**
 * Automation conditions as written (`automationCondition: AutomationCondition.eager().without(…)`), built with the
 * SDK's own builder from the strings the analyzer can read: the graph carries the very data the runtime makes, and a
 * call the builder refuses is reported where it is written, with the builder's words.
 */
import { AutomationCondition } from "../automation/condition";
import { cronFieldProblem } from "../automation/cronFields";
import { parseDuration } from "../checks/duration";
import { PLAIN_OPERANDS, type Condition } from "../protocol/automation";
import { DiagnosticCodes, type AnalyzerDiagnostic, type DiagnosticCode } from "./api";
import type { BindingRef, ConditionCallFact, ConditionFact, FileFacts } from "./facts";
import type { Span } from "./lineIndex";
import { writtenKey } from "./linkFile";
import { diagnosticAt } from "./report";
import type { Resolver } from "./resolve";
import { notWanted, unfollowable, writtenName } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

/** The builders (`AutomationCondition.x(...)`) and the methods the chain may call. */
const BUILDERS = new Set<string>([
  ...PLAIN_OPERANDS,
  "cronTickPassed",
  "inLatestTimeWindow",
  "anyDepsMatch",
  "allDepsMatch",
  "anyDepsUpdated",
  "anyDepsMissing",
  "anyDepsInProgress",
  "allDepsUpdatedSinceCron",
  "eager",
  "onCron",
  "onMissing",
]);
const METHODS = new Set(["and", "or", "not", "since", "newlyTrue", "withLabel", "without", "ignore", "allow"]);
/** Builders whose first argument is a cron and second its time zone. */
const CRON_BUILDERS = new Set(["cronTickPassed", "allDepsUpdatedSinceCron", "onCron"]);

const FIX = "Write it as an AutomationCondition chain with string literals or top-level consts as arguments.";

type Builder = Record<string, (...args: unknown[]) => AutomationCondition>;

/** Says a problem at a span of the file being read (the const's reference, for a const of another file). */
type Say = (code: DiagnosticCode, span: Span, message: string) => void;

/**
 * The condition `fact` (in `file`) describes; undefined, with its problems in `out`, when the analyzer cannot tell it.
 * A chain may start from, or take, a top-level const holding a condition, here or imported: a problem inside one
 * written in another file is said on the name that reads it.
 */
export function automationCondition(
  file: FileFacts,
  fact: ConditionFact,
  owner: string,
  out: AnalyzerDiagnostic[],
  resolver: Resolver,
): Condition | undefined {
  const here: Say = (code, span, message) =>
    out.push(
      diagnosticAt({ file, span }, code, code === DiagnosticCodes.dynamicAutomation ? "warning" : "error", message),
    );
  /** Consts being built, so one defined through itself is refused rather than followed forever. */
  const building = new Set<ConditionFact>();

  const build = (written: ConditionFact, where: FileFacts, say: Say): AutomationCondition | undefined => {
    const warn = (span: Span, message: string) =>
      say(
        DiagnosticCodes.dynamicAutomation,
        span,
        `${owner}: ${message}, so it has no automation condition the editor can show. ${FIX}`,
      );
    const refuse = (span: Span, message: string) =>
      say(DiagnosticCodes.invalidAutomation, span, `${owner}: ${message}.`);
    /** The condition a name holds: a const's chain, built where it is written. */
    const named = (ref: BindingRef): AutomationCondition | undefined => {
      const target = resolver.ref(where, ref);
      const name = writtenName(ref);
      if (target.type === "unresolved") {
        const { reason, fix } = unresolvedImport(target);
        return void say(
          DiagnosticCodes.unresolvedImport,
          ref.span,
          `${owner}: its condition \`${name}\` ${reason}. ${fix}`,
        );
      }
      if (target.type !== "condition") {
        const why = notWanted(target, where, "an AutomationCondition");
        return void warn(ref.span, `its condition \`${name}\` ${why}`);
      }
      if (building.has(target.condition))
        return void warn(ref.span, `its condition \`${name}\` is defined through itself`);
      building.add(target.condition);
      try {
        return build(
          target.condition,
          target.file,
          target.file === where ? say : (code, _span, message) => say(code, ref.span, message),
        );
      } finally {
        building.delete(target.condition);
      }
    };

    if (written.type === "dynamic")
      return void warn(written.span, `its automation condition \`${written.text}\` ${unfollowable(written.what)}`);
    let current: unknown = AutomationCondition;
    if (written.base) {
      current = named(written.base);
      if (!current) return undefined;
    }
    for (const [index, call] of written.calls.entries()) {
      const builder = index === 0 && !written.base;
      if (!(builder ? BUILDERS : METHODS).has(call.method))
        return void warn(
          call.span,
          `\`${call.method}\` is no AutomationCondition ${builder ? "builder" : "method"} the analyzer reads`,
        );
      const args: unknown[] = [];
      const spans: Span[] = [];
      for (const arg of call.args) {
        // A condition written in place, or a const holding one; any other argument is a string.
        if (arg.type === "condition" || (arg.type === "handle" && resolver.ref(where, arg.ref).type === "condition")) {
          const built = arg.type === "condition" ? build(arg.condition, where, say) : named(arg.ref);
          if (!built) return undefined;
          args.push(built);
          spans.push(arg.type === "condition" ? arg.condition.span : arg.ref.span);
          continue;
        }
        const value = writtenKey(where, arg, resolver);
        if (value.type === "unfollowed") {
          const unresolved = value.code === DiagnosticCodes.unresolvedImport;
          const message = `the argument \`${value.written}\` of \`${call.method}\` ${value.reason}`;
          if (unresolved) return void say(value.code, value.site.span, `${owner}: ${message}. ${value.fix}`);
          return void warn(value.site.span, message);
        }
        args.push(value.key);
        // Where it is written: the string itself, or the const's name.
        spans.push(value.name.span);
      }
      const problem = argumentProblem(call, args, spans);
      if (problem) return void refuse(problem.span, problem.message);
      try {
        current = (current as Builder)[call.method]!.apply(current, args);
      } catch (error) {
        return void refuse(call.span, (error as Error).message);
      }
    }
    return current as AutomationCondition;
  };
  return build(fact, file, here)?.data;
}

/** A cron, time zone or lookback the builder would refuse, said at the column of its string. */
function argumentProblem(
  call: ConditionCallFact,
  args: readonly unknown[],
  spans: readonly Span[],
): { span: Span; message: string } | undefined {
  if (CRON_BUILDERS.has(call.method)) {
    const bad = cronFieldProblem(args[0], args[1] as string | undefined);
    if (bad)
      return {
        span: spans[bad.field === "cron" ? 0 : 1] ?? call.span,
        message: `${call.method}'s ${bad.field} ${bad.problem}`,
      };
  }
  if (call.method === "inLatestTimeWindow" && typeof args[0] === "string") {
    const read = parseDuration(args[0]);
    if ("problem" in read) {
      const span = spans[0]!;
      const start = span.start + read.offset;
      return {
        span: { start, end: Math.max(span.end, start + 1) },
        message: `inLatestTimeWindow's lookback ${read.problem}`,
      };
    }
  }
  return undefined;
}
