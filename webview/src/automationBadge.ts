/** The mark of an asset with an automation condition: its kind (`eager`, `on_cron`, `on_missing`, `custom`) as a pill. */
import type { AssetNode, Condition } from "assetline/protocol";
import { automationType } from "assetline/selection";
import type { NodeBadge } from "./render/badges";

const MEANING = {
  eager: "runs when an upstream asset updates or it is missing",
  on_cron: "runs once per cron tick after all its upstream assets updated",
  on_missing: "runs when it is missing and its upstream assets are present",
  custom: "runs when its own condition holds",
} as const;

/** The first cron a condition waits for (an `on_cron` names its schedule in the tooltip). */
function cronOf(condition: Condition): string | undefined {
  if (condition.type === "cronTickPassed") return condition.cron;
  const parts =
    "operands" in condition
      ? condition.operands
      : "operand" in condition
        ? [condition.operand]
        : "condition" in condition
          ? [condition.condition]
          : "trigger" in condition
            ? [condition.trigger, condition.reset]
            : [];
  for (const part of parts) {
    const cron = cronOf(part);
    if (cron !== undefined) return cron;
  }
  return undefined;
}

export function automationBadge(node: AssetNode): NodeBadge[] {
  const kind = automationType(node);
  if (kind === null || node.automationCondition === undefined) return [];
  const cron = kind === "on_cron" ? cronOf(node.automationCondition) : undefined;
  const label = `Automation ${kind}${cron ? ` (${cron})` : ""}: ${MEANING[kind]}, while assetline dev runs`;
  return [{ kind: "automation", text: kind, label }];
}
