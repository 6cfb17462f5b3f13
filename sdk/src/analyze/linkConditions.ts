/**
 * Automation conditions as written (`automationCondition: AutomationCondition.eager().without(…)`), built with the
 * SDK's own builder from the strings the analyzer can read: the graph carries the very data the runtime makes, and a
 * call the builder refuses is reported where it is written, with the builder's words.
 */
import { AutomationCondition } from "../automation/condition";
import { cronFieldProblem } from "../automation/cronFields";
import { parseDuration } from "../checks/duration";
import { PLAIN_OPERANDS, type Condition } from "../protocol/automation";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { ConditionCallFact, ConditionFact, FileFacts } from "./facts";
import type { Span } from "./lineIndex";
import { writtenKey } from "./linkFile";
import { diagnosticAt } from "./report";
import type { Resolver } from "./resolve";
import { unfollowable } from "./targetWords";

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

/** The condition `fact` describes; undefined, with its problems in `out`, when the analyzer cannot tell it. */
export function automationCondition(
  file: FileFacts,
  fact: ConditionFact,
  owner: string,
  out: AnalyzerDiagnostic[],
  resolver: Resolver,
): Condition | undefined {
  const warn = (span: Span, message: string) =>
    out.push(
      diagnosticAt(
        { file, span },
        DiagnosticCodes.dynamicAutomation,
        "warning",
        `${owner}: ${message}, so it has no automation condition the editor can show. ${FIX}`,
      ),
    );
  const refuse = (span: Span, message: string) =>
    out.push(diagnosticAt({ file, span }, DiagnosticCodes.invalidAutomation, "error", `${owner}: ${message}.`));

  const build = (written: ConditionFact): AutomationCondition | undefined => {
    if (written.type === "dynamic")
      return void warn(written.span, `its automation condition \`${written.text}\` ${unfollowable(written.what)}`);
    let current: unknown = AutomationCondition;
    for (const [index, call] of written.calls.entries()) {
      if (!(index === 0 ? BUILDERS : METHODS).has(call.method))
        return void warn(
          call.span,
          `\`${call.method}\` is no AutomationCondition ${index === 0 ? "builder" : "method"} the analyzer reads`,
        );
      const args: unknown[] = [];
      const spans: Span[] = [];
      for (const arg of call.args) {
        if (arg.type === "condition") {
          const built = build(arg.condition);
          if (!built) return undefined;
          args.push(built);
          spans.push(arg.condition.span);
          continue;
        }
        const value = writtenKey(file, arg, resolver);
        if (value.type === "unfollowed") {
          const code = value.code === DiagnosticCodes.unresolvedImport ? value.code : DiagnosticCodes.dynamicAutomation;
          const message = `${owner}: the argument \`${value.written}\` of \`${call.method}\` ${value.reason}, so it has no automation condition the editor can show. ${code === DiagnosticCodes.unresolvedImport ? value.fix : FIX}`;
          return void out.push(
            diagnosticAt(value.site, code, code === DiagnosticCodes.unresolvedImport ? "error" : "warning", message),
          );
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
  return build(fact)?.data;
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
