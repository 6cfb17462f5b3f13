// The editor on a team's shared PostgreSQL store (the machine's server, a schema of this test's own): lenses, hover and
// lineage follow a run another machine records, with no file changing, and the setting's password never reaches the
// client.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MarkupContent } from "vscode-languageserver-protocol/node";
import type { AssetlineFolderSettings } from "../../sdk/src/protocol";
import { SHARED_STORE_POLL_MS } from "../../server/src/sharedStorePoll";
import { dropTestSchema, newTestSchema } from "../unit/store/postgres/testDatabase";
import { TestClient } from "./client";
import { assetlineCli, copyWorkspace, positionOf, stateLens, type TempWorkspace } from "./workspace";

const { schema, url } = newTestSchema();
const storeUrl = new URL(url);
// Trust auth takes any password: one the client must never see.
storeUrl.password ||= "s3cret";
const password = decodeURIComponent(storeUrl.password);
const redacted = `${storeUrl.protocol}//${storeUrl.username}:***@${storeUrl.host}`;

describe("the language server on a shared PostgreSQL store", () => {
  let editor: TempWorkspace;
  /** Another machine's checkout of the same workspace: nothing it does touches the editor's folder. */
  let elsewhere: TempWorkspace;
  let client: TestClient;
  let settings: AssetlineFolderSettings = { store: storeUrl.toString() };
  let customers: string;
  let state: () => Promise<string | undefined>;
  let hoverText = "";

  beforeAll(async () => {
    editor = copyWorkspace("examples/ecommerce");
    elsewhere = copyWorkspace("examples/ecommerce");
    client = await TestClient.start({ root: editor.root, trusted: true, settingsOf: () => settings });
    customers = editor.file("src/customers.ts");
    state = stateLens(client, customers, "customers_data");
  });
  afterAll(async () => {
    await client?.stop();
    editor?.remove();
    elsewhere?.remove();
    await dropTestSchema(schema);
  });

  it("reads the empty shared store: never materialized", async () => {
    await client.until("the never-materialized lens", async () => (await state()) === "○ never materialized");
    expect(client.logs).toContain(
      `Assetline: ${editor.root} reads the shared store ${redacted}${storeUrl.pathname}${storeUrl.search}, asking for its newest run every ${SHARED_STORE_POLL_MS / 1000} s.`,
    );
  });

  it("turns fresh within a poll when another machine records a run, with no file changing", async () => {
    await assetlineCli(["materialize", "customers_data", elsewhere.root], elsewhere.root, {
      ASSETLINE_STORE_URL: storeUrl.toString(),
    });
    // Within one poll and the reads it starts.
    await client.until(
      "the fresh lens",
      async () => (await state())?.startsWith("● fresh"),
      SHARED_STORE_POLL_MS + 5000,
    );
    const { statuses } = await client.graph();
    expect(statuses.find((status) => status.key === "customers_data")?.state).toBe("fresh");
    const text = readFileSync(customers, "utf8");
    const hover = await client.hover(
      customers,
      positionOf(text, "export const customers_data", "export const ".length),
    );
    hoverText = (hover!.contents as MarkupContent).value;
    expect(hoverText).toMatch(/Last materialized .*run `[^`]+`/);
  });

  it("says a store it cannot reach once, with the URL redacted", async () => {
    settings = { store: `postgres://${storeUrl.username}:${storeUrl.password}@127.0.0.1:1/test?schema=${schema}` };
    await client.settingsChanged();
    const warning = await client.until("the unreachable store's warning", () =>
      client.messages.find((message) => message.includes("127.0.0.1:1")),
    );
    expect(warning).toContain(`could not connect to ${redacted.replace(storeUrl.host, "127.0.0.1:1")}`);
    const pollFailure = await client.until(
      "the poll's failure",
      () => client.logs.find((line) => line.startsWith("Assetline cannot poll the shared store")),
      SHARED_STORE_POLL_MS + 5000,
    );
    expect(pollFailure).toContain(`${redacted.replace(storeUrl.host, "127.0.0.1:1")}/test?schema=${schema}`);
    expect(client.messages.filter((message) => message.includes("127.0.0.1:1"))).toHaveLength(1);
    expect(client.logs.filter((line) => line.startsWith("Assetline cannot poll"))).toHaveLength(1);
  });

  it("never shows the password in any log, message or hover the client received", () => {
    expect(client.logs.some((line) => line.includes(`:***@`))).toBe(true);
    expect([...client.logs, ...client.messages, hoverText].filter((text) => text.includes(password))).toEqual([]);
  });
});
