/**
 * Schedules, sensors and automation conditions in the editor, with and without `assetline dev`: the lenses above each
 * schedule and sensor, their Tick now / Pause commands (run by the server over the daemon's socket), and the hover's
 * automation section.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ExecuteCommandRequest, type CodeLens, type MarkupContent } from "vscode-languageserver-protocol/node";
import { RunsOutputSchema } from "../../sdk/src/protocol";
import { daemonStarter } from "../unit/daemon/devProcess";
import { machineOutput } from "../unit/run/workspace";
import type { TestClient } from "./client";
import { assetlineCli, positionOf, serverOn, type TempWorkspace } from "./workspace";

const startDaemon = daemonStarter();

const titles = (lenses: CodeLens[]) => lenses.map((lens) => lens.command?.title);
const NEXT_SIX = /^⏱ next (\w{3} \d+ )?\d\d:00/;

describe("schedule and sensor lenses, their commands and the automation hover", () => {
  const session = serverOn("test/protocol/fixtures/automation", { trusted: true });
  let workspace: TempWorkspace;
  let client: TestClient;
  let automation: string;
  let assets: string;

  beforeAll(() => {
    ({ workspace, client } = session);
    automation = workspace.file("src/automation.ts");
    assets = workspace.file("src/assets.ts");
  });

  /** The lenses on the line of `export const <name>` in the automation file, once `ready` accepts their titles. */
  async function lensesOf(name: string, ready: (titles: (string | undefined)[]) => boolean): Promise<CodeLens[]> {
    const { line } = positionOf(readFileSync(automation, "utf8"), `export const ${name} `);
    return client.until(`lenses of ${name}`, async () => {
      const lenses = ((await client.codeLenses(automation)) ?? []).filter((lens) => lens.range.start.line === line);
      return ready(titles(lenses)) && lenses;
    });
  }

  async function automationHover(): Promise<string> {
    const hover = await client.hover(assets, positionOf(readFileSync(assets, "utf8"), "revenue"));
    return (hover?.contents as MarkupContent | undefined)?.value ?? "";
  }

  const execute = (command: string, argument: object) =>
    client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] });

  it("without a daemon: the next tick and `automation off`, Tick now says how to start it", async () => {
    const schedule = await lensesOf("nightly", (t) => t.length === 3 && /automation off/.test(t[0] ?? ""));
    expect(titles(schedule)[0]).toMatch(NEXT_SIX);
    expect(titles(schedule)[0]).toMatch(/ · automation off$/);
    expect(
      schedule.slice(1).map((lens) => [lens.command?.title, lens.command?.command, lens.command?.arguments]),
    ).toEqual([
      ["▶ Tick now", "assetline.tickNow", [{ folder: workspace.root, name: "nightly" }]],
      ["Pause", "assetline.setPaused", [{ folder: workspace.root, name: "nightly", paused: true }]],
    ]);
    expect(titles(await lensesOf("on_orders", (t) => t.length === 3))[0]).toBe("⏱ every 30s · automation off");
    await execute("assetline.tickNow", { folder: workspace.root, name: "nightly" });
    expect(client.messages.at(-1)).toMatch(
      /^Automation is off: run Assetline: Start Automation for .* to tick nightly/,
    );
    expect(await automationHover()).toContain("**Automation** eager · not evaluated yet (automation is off)");
  });

  it("with a daemon: lenses read it, sensors without data yet, and go back to `automation off` when it stops", async () => {
    const daemon = await startDaemon(workspace.root);
    const schedule = await lensesOf("nightly", (t) => t.length === 3 && !/automation off/.test(t[0] ?? ""));
    expect(titles(schedule)[0]).toMatch(NEXT_SIX);
    expect(titles(schedule)[0]).toMatch(/ · no tick yet$/);
    expect(titles(await lensesOf("on_orders", (t) => t.length === 3))[0]).toMatch(
      // An asset sensor ticks at once: nothing materialized `orders`, so it skips (a daemon without sensors: no data).
      /^⏱ every 30s · (no tick yet|last tick skipped \d\d:\d\d:\d\d)$/,
    );
    // Before the daemon's first evaluation, or (with automation under the daemon) its answer: `orders` was never
    // materialized, so revenue waits for it.
    expect(await automationHover()).toMatch(
      /\*\*Automation\*\* eager · (not evaluated yet \(waiting for the daemon's first tick\)|waits: .*orders.* \(\d\d:\d\d:\d\d\))/,
    );
    const started = (await execute("assetline.tickNow", { folder: workspace.root, name: "nightly" })) as {
      runIds: string[];
    };
    expect(started, client.messages.join("\n") + client.logs.join("\n")).toBeTruthy();
    const [runId] = started.runIds;
    // The lens follows the run the daemon started to its end, and the tick names it.
    const ticked = await lensesOf("nightly", (t) => /last tick ✓/.test(t[0] ?? ""));
    expect(titles(ticked)[0]).toMatch(new RegExp(`last tick ✓ \\d\\d:\\d\\d \\(run ${runId!.slice(0, 8)}\\)$`));
    const { runs } = machineOutput(RunsOutputSchema, await assetlineCli(["runs", "--json"], workspace.root));
    // The schedule's run (the eager `revenue` may follow it in a run of the daemon's automation).
    expect(runs.filter((run) => run.origin === "schedule").map((run) => [run.id, run.instigator])).toEqual([
      [runId, "nightly"],
    ]);
    await execute("assetline.setPaused", { folder: workspace.root, name: "nightly", paused: true });
    const paused = await lensesOf("nightly", (t) => /^⏱ paused/.test(t[0] ?? ""));
    expect(titles(paused).slice(1)).toEqual(["▶ Tick now", "Resume"]);
    daemon.kill("SIGTERM");
    await lensesOf("nightly", (t) => /automation off/.test(t[0] ?? ""));
  });
});
