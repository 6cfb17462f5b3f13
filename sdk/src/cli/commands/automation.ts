/**
 * `assetline automation [KEY...]`: each asset's latest automation evaluation, whether it will run and why (through
 * `assetline dev` when it runs, else read from the store the daemon recorded in).
 */
import { evaluationsViaDaemon } from "../../daemon/viaDaemon";
import { versioned } from "../../protocol";
import type { AutomationRecord, AutomationStatus } from "../../protocol/automation";
import { keysSelection } from "../../run/resolveSelection";
import { timeAgo } from "../../status/describe";
import { latestAnswer } from "../../status/automationStatus";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { definitionsOption, failure, keysAndPaths, storeOption } from "../workspaceArgs";
import { shortRunId } from "./runIds";
import { formatTable } from "./table";

const NEVER = "never evaluated: `assetline dev` evaluates automation conditions every 30 s";

/** `will run: upstream raw was updated…` → [`will run`, `upstream raw was updated…`]. */
function answerAndWhy(reason: string): [string, string] {
  const colon = reason.indexOf(": ");
  return colon < 0 ? ["", reason] : [reason.slice(0, colon), reason.slice(colon + 2)];
}

/** `show`'s line: `automation (eager): will run: upstream raw was updated… (evaluated 5 s ago, run 1a2b3c4d)`. */
export function automationLine(automation: AutomationStatus | undefined, now = Date.now()): string[] {
  if (automation === undefined) return [];
  const { label, reason, evaluatedAt, runId, partitionsWillRun } = automation;
  const partitions = partitionsWillRun === undefined ? "" : `, ${partitionsWillRun} partitions will run`;
  const run = runId === undefined ? "" : `, run ${shortRunId(runId)}`;
  return [`  automation (${label}): ${reason} (evaluated ${timeAgo(evaluatedAt, now)}${partitions}${run})`];
}

function print(keys: string[], evaluations: AutomationRecord[], json: boolean, write: (text: string) => void): void {
  if (json) {
    write(`${JSON.stringify(versioned({ evaluations }))}\n`);
    return;
  }
  const byKey = new Map<string, AutomationRecord[]>();
  for (const record of evaluations) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
  if (byKey.size === 0 && keys.length === 0) {
    write(`No automation evaluations in this store yet (${NEVER}).\n`);
    return;
  }
  const rows = [...new Set([...keys, ...byKey.keys()])].map((key) => {
    const records = byKey.get(key);
    if (records === undefined) return [key, "", NEVER];
    const { record, partitionsWillRun } = latestAnswer(records);
    const [answer, why] = answerAndWhy(record.reason);
    const asset = record.partition === undefined ? key : `${key} [${record.partition}]`;
    const partitions = partitionsWillRun === undefined ? "" : `${partitionsWillRun}/${records.length} will run`;
    return [asset, answer, why, partitions, timeAgo(record.evaluatedAt), record.runId ? shortRunId(record.runId) : ""];
  });
  write(formatTable(["asset", "answer", "reason", "partitions", "evaluated", "run"], rows));
}

export const automationCommand: Command = {
  name: "automation",
  summary: "Show each asset's latest automation evaluation: whether it will run and why (`assetline dev` evaluates)",
  args: "[KEY...] [dir]",
  options: [
    { flags: "--json", description: "print { protocolVersion, evaluations: AutomationRecord[] }" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    try {
      const { keys, root, storeDir, definitionsFile } = keysAndPaths(args, io.cwd);
      const warm = await evaluationsViaDaemon(
        { root, storeDir, definitionsFile },
        keys.length > 0 ? keysSelection(keys) : undefined,
      );
      const evaluations =
        warm?.evaluations ??
        (await readStore(storeDir, async (store) =>
          [...(await store.latestAutomationEvaluations(keys.length > 0 ? keys : undefined)).values()].flat(),
        ));
      print(keys, evaluations, args.values.json === true, io.stdout);
      return 0;
    } catch (error) {
      return failure(io, "automation", error);
    }
  },
};
