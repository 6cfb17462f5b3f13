/**
 * The server runs whatever `assetline` the workspace installed: a CLI of another protocol version is named in one
 * message and not read, and an output cut short is a logged error naming the command; neither reaches a lens.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../sdk/src/protocol";
import { repoRoot, TestClient } from "./client";
import { copyWorkspace, type TempWorkspace } from "./workspace";

const sdkVersion: string = JSON.parse(readFileSync(join(repoRoot, "sdk", "package.json"), "utf8")).version;
const actions = ["▶ Materialize", "Materialize with upstream", "Lineage"];

describe("lenses over a workspace CLI of another protocol version", () => {
  let workspace: TempWorkspace;
  let client: TestClient;
  /** What the fake CLI prints next. */
  const prints = (text: string) => writeFileSync(workspace.file("node_modules/assetline/output.txt"), text);
  const calls = () => readFileSync(workspace.file("node_modules/assetline/calls.txt"), "utf8").split("\n").length - 1;
  const lensTitles = async () =>
    ((await client.codeLenses(workspace.file("src/a.ts"))) ?? []).map((lens) => lens.command?.title);

  beforeAll(async () => {
    workspace = copyWorkspace("test/protocol/fixtures/crossFile", { linkSdk: false });
    mkdirSync(workspace.file("node_modules"));
    cpSync(join(repoRoot, "test/protocol/fixtures/oldCli"), workspace.file("node_modules/assetline"), {
      recursive: true,
    });
    // The shape an assetline from before versioned output might print: no protocolVersion, other field names.
    prints(`${JSON.stringify({ assets: [{ key: "customers", state: "materialized", lastRun: { id: "r1" } }] })}\n`);
    client = await TestClient.start({ root: workspace.root, trusted: true });
  });
  afterAll(async () => {
    await client?.stop();
    workspace?.remove();
  });

  it("says once which versions it found and how to align them, and shows no state it cannot read", async () => {
    const [message] = await client.until("the mismatch message", () => client.messages.length > 0 && client.messages);
    expect(message).toContain("assetline 0.0.9");
    expect(message).toContain("no protocol version");
    expect(message).toContain("`assetline status --json`");
    expect(message).toContain(`this editor reads version ${PROTOCOL_VERSION}`);
    expect(message).toContain(`npm install assetline@${sdkVersion}\` in ${workspace.root}`);
    expect(await lensTitles()).toEqual(actions);
    expect((await client.graph()).statuses).toEqual([]);
    // Every finished run reads the store again: the same CLI is not announced again.
    await client.runFinished("run-2");
    await client.runFinished("run-3");
    await client.until("two more reads", () => calls() >= 3);
    expect(await lensTitles()).toEqual(actions);
    expect(client.messages).toHaveLength(1);
  });

  it("logs an output cut short as an error naming the command, and reads a whole one", async () => {
    const whole = {
      protocolVersion: PROTOCOL_VERSION,
      assets: [
        {
          key: "customers",
          state: "fresh",
          reasons: [],
          lastMaterialization: {
            key: "customers",
            runId: "run-9",
            timestamp: Date.now(),
            durationMs: 1.5,
            metadata: { row_count: { type: "int", value: 1 } },
            codeVersion: "c",
            dataVersion: "d",
            upstreamDataVersions: {},
          },
        },
      ],
    };
    const line = JSON.stringify(whole);
    prints(line.slice(0, line.indexOf('"reasons"')));
    await client.runFinished("run-4");
    const logged = await client.until("the logged error", () =>
      client.logs.find((entry) => entry.includes("cannot read: not JSON")),
    );
    expect(logged).toContain(`\`assetline status --json\` in ${workspace.root}`);
    expect(await lensTitles()).toEqual(actions);
    // A current CLI's output, whole: the lens shows its state.
    prints(`${line}\n`);
    await client.runFinished("run-5");
    const titles = await client.until("the fresh lens", async () => {
      const now = await lensTitles();
      return now[0]?.startsWith("● fresh") && now;
    });
    expect(titles).toEqual(["● fresh · just now · 1 row", ...actions]);
  });
});
