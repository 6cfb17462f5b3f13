/**
 * The extension's line to a workspace's daemon, on a real `assetline dev` started as *Start Automation* starts it
 * (detached, its output in `<store>/daemon.log`): the status bar's words follow it on and off, its ticks' runs arrive
 * as events, and *Stop Automation* stops it through `shutdown`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunEvent } from "assetline/protocol";
import { automationText } from "../../../client/src/automation/automationText";
import { DaemonLink } from "../../../client/src/automation/daemonLink";
import { daemonLog, startDaemonProcess } from "../../../client/src/automation/daemonProcess";
import { cliBin, fixtureWorkspaces } from "../run/workspace";

const workspace = fixtureWorkspaces();
const EVERY_SECOND = `import { asset, schedule } from "assetline";
export const orders = asset(() => [1, 2, 3]);
export const every_second = schedule({ cron: "* * * * * *", selection: "key:orders" });
`;

const links: DaemonLink[] = [];
const pids: number[] = [];
afterEach(() => {
  for (const link of links.splice(0)) link.dispose();
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already stopped, as it should be.
    }
  }
});

async function until(check: () => boolean, sync: () => Promise<void>, what: string): Promise<void> {
  for (const end = Date.now() + 30_000; Date.now() < end; ) {
    await sync();
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the editor's line to assetline dev", () => {
  it("says off, then on with the next tick and the ticks' runs live once started, then off after Stop", async () => {
    const root = workspace({ "src/assets.ts": EVERY_SECOND });
    const storeDir = join(root, ".assetline");
    const events: RunEvent[] = [];
    const link = new DaemonLink(storeDir, { changed: () => {}, runEvent: (event) => events.push(event) });
    links.push(link);
    await link.sync();
    expect(automationText(link.state, "shop", Date.now()).text).toBe("$(circle-slash) Automation off");

    const daemon = startDaemonProcess([cliBin, "dev", root], root, storeDir);
    pids.push(daemon.pid!);
    await until(
      () => link.state !== undefined,
      () => link.sync(),
      "the daemon to serve",
    );
    expect(link.state!.info.pid).toBe(daemon.pid);
    expect(link.state!.schedules.map((schedule) => schedule.name)).toEqual(["every_second"]);
    expect(automationText(link.state, "shop", Date.now()).text).toMatch(/^\$\(sync\) Automation on · next \d\d:\d\d$/);

    // A tick's run, as the lineage receives it.
    await until(
      () => events.some((event) => event.type === "run_finished" && event.status === "success"),
      async () => {},
      "a tick's run to finish",
    );
    expect(events.find((event) => event.type === "step_succeeded")).toMatchObject({ assets: ["orders"] });
    // The link reads the ticks again a moment after the next one is due: wait for that read, not for the run.
    await until(
      () => link.state?.schedules[0]?.lastTick !== undefined,
      async () => {},
      "the link to read the tick",
    );
    expect(link.state!.schedules[0]!.lastTick).toMatchObject({ schedule: "every_second" });

    expect(await link.stop()).toBe(daemon.pid);
    expect((await daemon.exited).code).toBe(0);
    await until(
      () => link.state === undefined,
      () => link.sync(),
      "the link to see it stop",
    );
    expect(automationText(link.state, "shop", Date.now()).text).toBe("$(circle-slash) Automation off");
    const log = readFileSync(daemonLog(storeDir), "utf8");
    expect(log).toContain("assetline dev: serving");
    expect(log).toContain("assetline dev: stopped.");
  });

  it("says there is nothing to stop when no daemon runs", async () => {
    const root = workspace({ "src/assets.ts": EVERY_SECOND });
    const link = new DaemonLink(join(root, ".assetline"), { changed: () => {}, runEvent: () => {} });
    links.push(link);
    expect(await link.stop()).toBeUndefined();
  });
});
