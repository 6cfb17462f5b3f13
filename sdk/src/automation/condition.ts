/**
 * Dagster's AutomationCondition, written fluently and kept as frozen protocol data (`condition.data`), so the
 * analyzer can build the same data from source, the daemon can record it and the evaluator reads nothing else.
 * Composites are Dagster's, operand for operand, with Dagster's labels.
 */
import type { Condition, PLAIN_OPERANDS } from "../protocol/automation";
import { cronFieldProblem } from "./cronFields";
import { parseDuration } from "../checks/duration";

const BRAND = Symbol.for("assetline.automationCondition");

type DepsType = "anyDepsMatch" | "allDepsMatch";

export class AutomationCondition {
  readonly [BRAND] = true;
  /** The condition as protocol data, deeply frozen. */
  readonly data: Condition;

  private constructor(data: Condition) {
    this.data = deepFreeze(data);
  }

  /** The asset (partition) has never been materialized. */
  static missing(): AutomationCondition {
    return AutomationCondition.operand("missing");
  }
  /** A run targeting it is queued or running. */
  static inProgress(): AutomationCondition {
    return AutomationCondition.operand("inProgress");
  }
  /** Its latest run attempt failed. */
  static executionFailed(): AutomationCondition {
    return AutomationCondition.operand("executionFailed");
  }
  /** Materialized since the previous evaluation. */
  static newlyUpdated(): AutomationCondition {
    return AutomationCondition.operand("newlyUpdated");
  }
  /** Requested by the previous evaluation. */
  static newlyRequested(): AutomationCondition {
    return AutomationCondition.operand("newlyRequested");
  }
  /** Missing now, and not at the previous evaluation. */
  static newlyMissing(): AutomationCondition {
    return AutomationCondition.operand("newlyMissing");
  }
  /** Its code version differs from the previous evaluation's. */
  static codeVersionChanged(): AutomationCondition {
    return AutomationCondition.operand("codeVersionChanged");
  }
  /** Requested in this same evaluation (upstream assets are evaluated first). */
  static willBeRequested(): AutomationCondition {
    return AutomationCondition.operand("willBeRequested");
  }
  /** A tick of `cron` (in `timezone`, default UTC) passed since the previous evaluation. */
  static cronTickPassed(cron: string, timezone = "UTC"): AutomationCondition {
    const bad = cronFieldProblem(cron, timezone);
    if (bad) throw new Error(`AutomationCondition.cronTickPassed: ${bad.field}: ${bad.problem}.`);
    return new AutomationCondition({ type: "cronTickPassed", cron, timezone });
  }
  /** Unpartitioned, or the latest time partition (or one within `lookback` of it: `"1d"`). */
  static inLatestTimeWindow(lookback?: string): AutomationCondition {
    if (lookback !== undefined) {
      const read = parseDuration(lookback);
      if ("problem" in read) throw new Error(`AutomationCondition.inLatestTimeWindow: lookback ${read.problem}.`);
    }
    return new AutomationCondition({ type: "inLatestTimeWindow", ...(lookback !== undefined && { lookback }) });
  }
  /** Some upstream asset matches `condition`. */
  static anyDepsMatch(condition: AutomationCondition): AutomationCondition {
    return AutomationCondition.deps("anyDepsMatch", condition);
  }
  /** Every upstream asset matches `condition`. */
  static allDepsMatch(condition: AutomationCondition): AutomationCondition {
    return AutomationCondition.deps("allDepsMatch", condition);
  }
  static anyDepsUpdated(): AutomationCondition {
    const C = AutomationCondition;
    return C.anyDepsMatch(C.newlyUpdated().or(C.willBeRequested())).withLabel("any_deps_updated");
  }
  static anyDepsMissing(): AutomationCondition {
    const C = AutomationCondition;
    return C.anyDepsMatch(C.missing().and(C.willBeRequested().not())).withLabel("any_deps_missing");
  }
  static anyDepsInProgress(): AutomationCondition {
    return AutomationCondition.anyDepsMatch(AutomationCondition.inProgress()).withLabel("any_deps_in_progress");
  }
  /** Every upstream asset updated since the latest tick of `cron` (or will be requested now). */
  static allDepsUpdatedSinceCron(cron: string, timezone = "UTC"): AutomationCondition {
    const C = AutomationCondition;
    return C.allDepsMatch(C.newlyUpdated().since(C.cronTickPassed(cron, timezone)).or(C.willBeRequested())).withLabel(
      "all_deps_updated_since_cron",
    );
  }
  /** Runs when it is missing or an upstream updated, once every upstream is there and nothing is in progress. */
  static eager(): AutomationCondition {
    const C = AutomationCondition;
    return C.inLatestTimeWindow()
      .and(C.newlyMissing().or(C.anyDepsUpdated()).since(C.newlyRequested().or(C.newlyUpdated())))
      .and(C.anyDepsMissing().not())
      .and(C.anyDepsInProgress().not())
      .and(C.inProgress().not())
      .withLabel("eager");
  }
  /** Runs once per tick of `cron`, as soon as every upstream updated since that tick. */
  static onCron(cron: string, timezone = "UTC"): AutomationCondition {
    const C = AutomationCondition;
    return C.inLatestTimeWindow()
      .and(C.cronTickPassed(cron, timezone).since(C.newlyRequested()))
      .and(C.allDepsUpdatedSinceCron(cron, timezone))
      .withLabel("on_cron");
  }
  /** Runs once when it becomes missing, once every upstream is there. */
  static onMissing(): AutomationCondition {
    const C = AutomationCondition;
    return C.inLatestTimeWindow()
      .and(C.newlyMissing().since(C.newlyRequested()))
      .and(C.anyDepsMissing().not())
      .withLabel("on_missing");
  }

  /** Both; an unlabeled `and` grows by one operand, as Dagster's `&` does. */
  and(other: AutomationCondition): AutomationCondition {
    return this.combine("and", other);
  }
  or(other: AutomationCondition): AutomationCondition {
    return this.combine("or", other);
  }
  not(): AutomationCondition {
    return new AutomationCondition({ type: "not", operand: this.data });
  }
  /** True once this became true, until `reset` becomes true. */
  since(reset: AutomationCondition): AutomationCondition {
    return new AutomationCondition({ type: "since", trigger: this.data, reset: dataOf(reset, "since") });
  }
  /** True only at the evaluation where this turns true. */
  newlyTrue(): AutomationCondition {
    return new AutomationCondition({ type: "newlyTrue", operand: this.data });
  }
  withLabel(label: string): AutomationCondition {
    if (typeof label !== "string" || label === "")
      throw new Error("AutomationCondition.withLabel: the label must be a non-empty string.");
    return new AutomationCondition({ ...this.data, label });
  }
  /**
   * This `and` without its operand equal to `condition` (its label kept, as Dagster copies it): `eager().without(
   * AutomationCondition.inLatestTimeWindow())` runs every partition. Throws when no operand equals it.
   */
  without(condition: AutomationCondition): AutomationCondition {
    const removed = dataOf(condition, "without");
    if (this.data.type !== "and")
      throw new Error(
        `AutomationCondition.without: only an \`and\` (eager(), onCron(), a.and(b)) has operands to remove; this is \`${this.data.type}\`.`,
      );
    const operands = this.data.operands.filter((operand) => !sameData(operand, removed));
    if (operands.length === this.data.operands.length)
      throw new Error(
        `AutomationCondition.without: no operand equals ${JSON.stringify(removed)}; the operands are ${this.data.operands.map((operand) => operand.label ?? operand.type).join(", ")}.`,
      );
    return new AutomationCondition({ ...this.data, operands });
  }
  /** Its dependency conditions (the composites' too) leave out the upstream assets `selection` selects. */
  ignore(selection: string): AutomationCondition {
    return this.onDeps("ignore", selection);
  }
  /** Its dependency conditions (the composites' too) consider only the upstream assets `selection` selects. */
  allow(selection: string): AutomationCondition {
    return this.onDeps("allow", selection);
  }

  static is(value: unknown): value is AutomationCondition {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  private combine(type: "and" | "or", other: AutomationCondition): AutomationCondition {
    const added = dataOf(other, type);
    const operands =
      this.data.type === type && this.data.label === undefined ? [...this.data.operands, added] : [this.data, added];
    return new AutomationCondition({ type, operands });
  }

  /** Dagster unions the selections of repeated `ignore`/`allow` calls. */
  private onDeps(field: "ignore" | "allow", selection: string): AutomationCondition {
    if (typeof selection !== "string" || selection.trim() === "")
      throw new Error(`AutomationCondition.${field}: give a selection string, such as "group:raw".`);
    const visit = (node: Condition): Condition => {
      switch (node.type) {
        case "anyDepsMatch":
        case "allDepsMatch": {
          const before = node[field];
          return { ...node, [field]: before === undefined ? selection : `(${before}) or (${selection})` };
        }
        case "and":
        case "or":
          return { ...node, operands: node.operands.map(visit) };
        case "not":
        case "newlyTrue":
          return { ...node, operand: visit(node.operand) };
        case "since":
          return { ...node, trigger: visit(node.trigger), reset: visit(node.reset) };
        default:
          return node;
      }
    };
    return new AutomationCondition(visit(this.data));
  }

  private static operand(type: (typeof PLAIN_OPERANDS)[number]): AutomationCondition {
    return new AutomationCondition({ type });
  }

  private static deps(type: DepsType, condition: AutomationCondition): AutomationCondition {
    return new AutomationCondition({ type, condition: dataOf(condition, type) });
  }
}

function dataOf(value: unknown, method: string): Condition {
  if (AutomationCondition.is(value)) return value.data;
  throw new Error(
    `AutomationCondition.${method}: expected an AutomationCondition, such as AutomationCondition.missing() (got ${typeof value}).`,
  );
}

/** The condition an `automationCondition` option holds, checked: `where` names the definition. */
export function conditionOption(value: unknown, where: string): Condition {
  if (AutomationCondition.is(value)) return value.data;
  throw new Error(
    `${where}: \`automationCondition\` must be built with AutomationCondition, such as AutomationCondition.eager().`,
  );
}

/** Structural equality of two conditions, as Dagster compares its records. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
