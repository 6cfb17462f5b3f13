// Each workspace folder's own `assetline` settings, asked for with workspace/configuration as VS Code answers it.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssetlineFolderSettings } from "../../sdk/src/protocol";
import { TestClient } from "./client";
import { assetlineCli, copyWorkspace, stateLens, type TempWorkspace } from "./workspace";

describe("per-folder settings in a multi-root workspace", () => {
  const settings = new Map<string, AssetlineFolderSettings | null>();
  let first: TempWorkspace;
  let second: TempWorkspace;
  let client: TestClient;
  let firstState: () => Promise<string | undefined>;
  let secondState: () => Promise<string | undefined>;

  beforeAll(async () => {
    first = copyWorkspace("examples/ecommerce");
    second = copyWorkspace("examples/ecommerce");
    // Each folder's run went to its own store; a server reading one folder's setting for both would miss one of them.
    await Promise.all([
      assetlineCli(["materialize", "--store", first.file("runs/a"), "customers_data", first.root], first.root),
      assetlineCli(["materialize", "--store", second.file("runs/b"), "customers_data", second.root], second.root),
    ]);
    settings.set(first.root, { storeFolder: "runs/a" });
    settings.set(second.root, { storeFolder: "runs/b", definitionsFile: "" });
    // What a client without settings would pass; the folders' answers override it.
    client = await TestClient.start({
      root: first.root,
      moreRoots: [second.root],
      trusted: true,
      storeFolder: "runs/b",
      settingsOf: (root) => settings.get(root) ?? null,
    });
    firstState = stateLens(client, first.file("src/customers.ts"), "customers_data");
    secondState = stateLens(client, second.file("src/customers.ts"), "customers_data");
  });
  afterAll(async () => {
    await client?.stop();
    first?.remove();
    second?.remove();
  });

  it("reads each folder's store from that folder's settings", async () => {
    await client.until("the first folder's fresh state", async () =>
      (await firstState())?.startsWith("● fresh · just now · 2 rows"),
    );
    await client.until("the second folder's fresh state", async () =>
      (await secondState())?.startsWith("● fresh · just now · 2 rows"),
    );
    expect(client.registrations).toContain("workspace/didChangeConfiguration");
  });

  it("switches one folder's store when its setting changes, without a restart and without touching the other", async () => {
    settings.set(second.root, { storeFolder: ".assetline" });
    await client.settingsChanged();
    await client.until(
      "the second folder on its empty default store",
      async () => (await secondState()) === "○ never materialized",
    );
    expect(await firstState()).toMatch(/^● fresh/);
    expect(client.logs.filter((line) => line.includes("now uses the store"))).toEqual([
      `Assetline: ${second.root} now uses the store .assetline and every asset it finds.`,
    ]);
  });

  it("tells the user once when a folder's store cannot be read, naming the file", async () => {
    mkdirSync(second.file("runs/broken"), { recursive: true });
    writeFileSync(second.file("runs/broken/assetline.db"), "not a database");
    settings.set(second.root, { storeFolder: "runs/broken" });
    await client.settingsChanged();
    const warning = await client.until("a warning about the broken store", () =>
      client.messages.find((message) => message.includes("runs/broken/assetline.db")),
    );
    expect(warning).toMatch(
      /^Assetline cannot read the run store: .* is not a readable Assetline store .*move it aside/,
    );
    expect(await firstState()).toMatch(/^● fresh/);
  });

  it("falls back to the initialization options for a folder the client has no settings for", async () => {
    settings.set(second.root, null);
    await client.settingsChanged();
    await client.until("the second folder back on runs/b", async () => (await secondState())?.startsWith("● fresh"));
    expect(await firstState()).toMatch(/^● fresh/);
  });
});
