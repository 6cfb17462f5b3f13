/**
 * The shared store's poll against a stand-in for the workspace's CLI (a script that answers what the test writes):
 * it refreshes on the first answer and when the newest run changes, says a failing store once and its return once,
 * hands the URL over in the environment only, never runs two polls at once, and stops on dispose.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SharedStorePoll } from "../../../server/src/sharedStorePoll";

const URL = "postgres://ann:s3cret@db.internal:5432/team?schema=shared";
const INTERVAL_MS = 20;

// Logs its arguments and environment, holds on a while (a poll that overlapped would start meanwhile), then prints
// the answer the test wrote, or fails as a CLI does on a server that is down.
const FAKE_CLI = `
const { appendFileSync, readFileSync } = require("node:fs");
const calls = process.cwd() + "/calls.log";
appendFileSync(calls, JSON.stringify({ argv: process.argv.slice(2), url: process.env.ASSETLINE_STORE_URL }) + "\\n");
setTimeout(() => {
  appendFileSync(calls, "end\\n");
  const answer = readFileSync(process.cwd() + "/answer.txt", "utf8");
  if (answer === "down") {
    process.stderr.write("assetline runs: could not connect to postgres://ann:***@db.internal:5432/team (s3cret)\\n");
    process.exit(2);
  }
  process.stdout.write(JSON.stringify({ protocolVersion: 3, runs: JSON.parse(answer) }));
}, 60);
`;

const run = (id: string, status: string, endedAt: number | null) => ({
  id,
  status,
  startedAt: 1,
  endedAt,
  selection: "*",
  origin: "cli",
});

describe("the shared store's poll", () => {
  let root: string;
  let changes: number;
  let logs: string[];
  let poll: SharedStorePoll;

  const answer = (value: unknown[] | "down") =>
    writeFileSync(join(root, "answer.txt"), value === "down" ? value : JSON.stringify(value));
  const calls = () => readFileSync(join(root, "calls.log"), "utf8").trim().split("\n");
  const started = () => calls().filter((line) => line !== "end").length;
  /** Waits for `count` more polls to be over: the poll after them has started, which it does only then. */
  const polls = async (count: number) => {
    const target = calls().filter((line) => line === "end").length + count;
    await vi.waitFor(() => expect(started()).toBeGreaterThan(target), { timeout: 10_000, interval: 10 });
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "assetline-poll-"));
    const cli = join(root, "node_modules", "assetline");
    mkdirSync(join(cli, "bin"), { recursive: true });
    writeFileSync(join(cli, "package.json"), JSON.stringify({ name: "assetline" }));
    writeFileSync(join(cli, "bin", "assetline.js"), FAKE_CLI);
    writeFileSync(join(root, "calls.log"), "");
    answer([]);
    changes = 0;
    logs = [];
    const log = { log: (line: string) => logs.push(line), error: (line: string) => logs.push(`error: ${line}`) };
    poll = new SharedStorePoll(
      { root, storeDir: join(root, ".assetline"), storeUrl: URL },
      () => changes++,
      log,
      INTERVAL_MS,
    );
  });
  afterEach(() => {
    poll.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("refreshes on its first answer, then only when the newest run's id, status, end or materializations change", async () => {
    await polls(2);
    expect(changes).toBe(1);
    answer([run("a", "running", null)]);
    await polls(2);
    expect(changes).toBe(2);
    // Another machine's run records a materialization while it runs: the lenses follow it step by step.
    answer([{ ...run("a", "running", null), materializations: 1 }]);
    await polls(2);
    expect(changes).toBe(3);
    answer([{ ...run("a", "success", 5), materializations: 1 }]);
    await polls(2);
    expect(changes).toBe(4);
    expect(logs).toEqual([]);
  });

  it("asks for the newest run with the URL in the environment only, one poll at a time", async () => {
    await polls(3);
    const lines = calls();
    expect(lines.filter((line) => line !== "end").map((line) => JSON.parse(line))[0]).toEqual({
      argv: ["runs", "--json", "--limit", "1", "--store", join(root, ".assetline"), root],
      url: URL,
    });
    // Each start is followed by its end before the next start.
    expect(lines.every((line, index) => (index % 2 === 1) === (line === "end"))).toBe(true);
  });

  it("says once that the store is down and once that it is back, then refreshes", async () => {
    answer("down");
    await polls(3);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /^error: Assetline cannot poll the shared store postgres:\/\/ann:\*\*\*@db\.internal:5432\/team\?schema=shared for .* \(trying again every 0\.02 s\): `assetline runs --json --limit 1` failed in .*: assetline runs: could not connect to postgres:\/\/ann:\*\*\*@db\.internal:5432\/team \(\*\*\*\)$/,
    );
    const before = changes;
    answer([]);
    await polls(2);
    expect(logs.slice(1)).toEqual([
      `Assetline reaches the shared store postgres://ann:***@db.internal:5432/team?schema=shared again for ${root}.`,
    ]);
    expect(changes).toBe(before + 1);
    expect(logs.join("\n")).not.toContain("s3cret");
  });

  it("stops on dispose", async () => {
    await polls(1);
    poll.dispose();
    // A CLI spawned just before may still log its start; none spawns after.
    await pause(INTERVAL_MS * 5);
    const count = started();
    await pause(INTERVAL_MS * 10);
    expect(started()).toBe(count);
  });
});
