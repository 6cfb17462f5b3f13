/**
 * The schedule and sensor lenses' actions, carried out by the server (workspace/executeCommand) over the folder's
 * daemon socket: `assetline.tickNow { folder, name }` and `assetline.setPaused { folder, name, paused }`. Without a
 * daemon nothing ticks, and the user is told how to start one.
 */
import * as v from "valibot";
import {
  type Connection,
  type ExecuteCommandParams,
  MessageType,
  ShowMessageNotification,
} from "vscode-languageserver/node";
import { ResponseError } from "assetline/daemon";
import { DaemonMethods, SetPausedResultSchema, TickNowResultSchema, type InstigatorKind } from "assetline/protocol";
import { InstigatorCommands } from "./instigatorLens";
import type { WorkspaceState } from "./workspaceState";

export const INSTIGATOR_COMMANDS = Object.values(InstigatorCommands);

const ArgumentSchema = v.object({ folder: v.string(), name: v.string(), paused: v.optional(v.boolean()) });

export const AUTOMATION_OFF = "Automation is off: run Assetline: Start Automation";

export async function executeInstigatorCommand(
  workspace: WorkspaceState,
  connection: Connection,
  { command, arguments: args }: ExecuteCommandParams,
): Promise<unknown> {
  const parsed = v.safeParse(ArgumentSchema, args?.[0]);
  if (!parsed.success || !INSTIGATOR_COMMANDS.includes(command as never))
    throw new Error(`${command} takes { folder, name, paused? }, not ${JSON.stringify(args ?? [])}`);
  const { folder: root, name, paused } = parsed.output;
  // Notifications, not requests: nothing waits for the user to dismiss them.
  const show = (type: MessageType, message: string) =>
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  const warn = (message: string) => show(MessageType.Warning, message);
  const folder = workspace.folders.find((candidate) => candidate.root === root);
  if (!folder) return warn(`Assetline: ${root} is not a workspace folder Assetline serves.`);
  if (!workspace.isTrusted) return warn(`Assetline: ${name} cannot tick in an untrusted workspace: trust it first.`);
  const { daemon } = folder.statuses;
  try {
    const asked =
      command === InstigatorCommands.tickNow
        ? await daemon.ask(DaemonMethods.tickNow, { name }, TickNowResultSchema, "none")
        : await daemon.ask(DaemonMethods.setPaused, { name, paused: paused === true }, SetPausedResultSchema);
    if (asked === undefined) return warn(`${AUTOMATION_OFF} for ${root} to tick ${name}.`);
    if (asked === "unsupported")
      return warn(
        `Assetline: the daemon serving ${root} (pid ${daemon.pid}) cannot ${command === InstigatorCommands.tickNow ? "tick" : "pause or resume"} ${name}: update the workspace's assetline and restart Automation.`,
      );
    show(MessageType.Info, done(name, asked.answer));
    return asked.answer;
  } catch (error) {
    // The daemon's refusal names what is wrong (an unknown schedule or sensor).
    if (error instanceof ResponseError) return warn(`Assetline: ${error.message}`);
    throw error;
  } finally {
    await folder.statuses.refresh();
  }
}

function done(name: string, answer: { kind: InstigatorKind; runIds?: string[]; paused?: boolean }): string {
  if (answer.paused !== undefined) return `Assetline: ${answer.kind} ${name} ${answer.paused ? "paused" : "resumed"}.`;
  const runs = answer.runIds ?? [];
  const started = runs.length ? `started run ${runs.map((id) => id.slice(0, 8)).join(", ")}` : "requested no run";
  return `Assetline: ${answer.kind} ${name} ticked: ${started}.`;
}
