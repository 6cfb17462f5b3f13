/**
 * Asset checks and freshness in the editor, over stdio against the real CLI and store: the lenses on assets and on
 * check definitions, the hovers, and the overdue warning, which appears by itself when an asset's deadline passes.
 * The store is filled as runs fill it (materializations and `check_evaluated` events), at chosen times, so ages and
 * lateness are known.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeLens, Diagnostic, MarkupContent } from "vscode-languageserver-protocol/node";
import type { CheckEvaluation, Materialization } from "../../sdk/src/protocol";
import { splitCheckKey } from "../../sdk/src/protocol";
import { evaluated, materialized, recordRun } from "../unit/run/storeRuns";
import { TestClient } from "./client";
import { copyWorkspace, positionOf, type TempWorkspace } from "./workspace";

const HOUR = 3_600_000;
const fixture = (file: string) => readFileSync(join(__dirname, "fixtures/checkResults/src", file), "utf8");
const ORDERS = fixture("orders.ts");
const PAYMENTS = fixture("payments.ts");

const materialization = (key: string, runId: string, timestamp: number): Materialization => ({
  key,
  runId,
  timestamp,
  durationMs: 12,
  metadata: { row_count: { type: "int", value: 4 } },
  codeVersion: "seeded",
  dataVersion: `${key}-v1`,
  upstreamDataVersions: {},
});

/** A passing evaluation of the asset's current value (its data version), as a check step records it. */
const PASSING = {
  runId: "checks-run",
  passed: true,
  severity: "error",
  blocking: false,
  metadata: {},
  durationMs: 3,
} as const;

const evaluation = (key: string, timestamp: number, more: Partial<CheckEvaluation> = {}): CheckEvaluation => {
  const { asset, name } = splitCheckKey(key);
  return { ...PASSING, checkKey: key, asset, name, timestamp, dataVersion: `${asset}-v1`, ...more };
};

const titles = (lenses: CodeLens[]) => lenses.map((lens) => lens.command?.title);
const commands = (lenses: CodeLens[]) =>
  lenses.filter((lens) => lens.command?.command).map((lens) => [lens.command?.command, lens.command?.arguments]);

describe("checks and freshness in lenses, hovers and diagnostics", () => {
  let workspace: TempWorkspace;
  let client: TestClient;
  let orders: string;
  let payments: string;
  const started = Date.now();

  /** The lenses on the line where `needle` starts in `text`, once `ready` accepts their titles. */
  async function lensesAt(
    file: string,
    text: string,
    needle: string,
    ready: (titles: (string | undefined)[]) => boolean,
  ): Promise<CodeLens[]> {
    const { line } = positionOf(text, needle);
    return client.until(`lenses at ${needle}`, async () => {
      const lenses = ((await client.codeLenses(file)) ?? []).filter((lens) => lens.range.start.line === line);
      return ready(titles(lenses)) && lenses;
    });
  }

  const freshnessWarnings = (file: string): Diagnostic[] =>
    client.diagnosticsOf(file).filter((diagnostic) => diagnostic.code === "freshness");

  beforeAll(async () => {
    workspace = copyWorkspace("test/protocol/fixtures/checkResults");
    orders = workspace.file("src/orders.ts");
    payments = workspace.file("src/payments.ts");
    // "2 min ago" for as long as the suite takes up to 49 s.
    const twoMinutesAgo = started - 100_000;
    await recordRun(join(workspace.root, ".assetline"), "materialize-run", [
      materialized(materialization("orders", "materialize-run", started - 27 * HOUR)),
      materialized(materialization("payments", "materialize-run", twoMinutesAgo)),
      materialized(materialization("customers", "materialize-run", twoMinutesAgo)),
      materialized(materialization("events", "materialize-run", started - 2 * HOUR)),
    ]);
    await recordRun(join(workspace.root, ".assetline"), "checks-run", [
      evaluated(evaluation("orders:row_count", twoMinutesAgo, { metadata: { row_count: { type: "int", value: 4 } } })),
      evaluated(
        evaluation("orders:unique_order_id", twoMinutesAgo, {
          passed: false,
          blocking: true,
          description: "3 duplicate order_id values",
          metadata: { duplicate_count: { type: "int", value: 3 } },
        }),
      ),
      evaluated(
        evaluation("payments:rounded_amounts", twoMinutesAgo, {
          passed: false,
          severity: "warn",
          description: "[2 amounts](command:assetline.materialize) have more than 2 decimals",
        }),
      ),
      evaluated(evaluation("customers:has_rows", twoMinutesAgo)),
    ]);
    client = await TestClient.start({ root: workspace.root, trusted: true, commandLinks: true });
  });

  afterAll(async () => {
    await client?.stop();
    workspace?.remove();
  });

  it("sums up an asset's checks in a lens that runs them, and says how late an overdue asset is", async () => {
    const lenses = await lensesAt(orders, ORDERS, "orders = asset", (t) => t.length === 6);
    expect(titles(lenses)).toEqual([
      expect.stringMatching(/^◐ stale|^● fresh/),
      "✖ 1 of 3 checks failed",
      "⏰ overdue by 3 h",
      "▶ Materialize",
      "Materialize with upstream",
      "Lineage",
    ]);
    expect(commands(lenses)[0]).toEqual(["assetline.runChecks", [{ assets: ["orders"] }]]);
    // A check written but never run counts as such.
    const warned = await lensesAt(payments, PAYMENTS, "payments = asset", (t) => t.length === 5);
    expect(titles(warned)[1]).toBe("⚠ 1 of 2 checks warned");
    const passed = await lensesAt(payments, PAYMENTS, "customers = asset", (t) => t.length === 5);
    expect(titles(passed)[1]).toBe("✓ 1 of 2 checks passed");
  });

  it("shows each check definition's last result and a Run check lens with its key", async () => {
    const cases: [string, string][] = [
      ["unique_order_id = assetCheck", "✖ failed: 3 duplicate order_id values"],
      ["positive_totals = assetCheck", "○ never run"],
      ["checks.rowCount", "✓ passed 2 min ago"],
    ];
    for (const [needle, result] of cases) {
      const lenses = await lensesAt(orders, ORDERS, needle, (t) => t.length === 2);
      expect(titles(lenses)).toEqual([result, "▶ Run check"]);
    }
    const unique = await lensesAt(orders, ORDERS, "unique_order_id = assetCheck", (t) => t.length === 2);
    expect(commands(unique)).toEqual([["assetline.runChecks", [{ checks: ["orders:unique_order_id"] }]]]);
    const warned = await lensesAt(payments, PAYMENTS, "rounded_amounts = assetCheck", (t) => t.length === 2);
    // A multi-asset check's specs run as one step: a named result each, one action for all.
    const shared = await lensesAt(payments, PAYMENTS, "consistency = multiAssetCheck", (t) => t.length === 3);
    expect(titles(shared)).toEqual(["paid_orders ○ never run", "known_ids ○ never run", "▶ Run checks"]);
    expect(commands(shared)).toEqual([
      ["assetline.runChecks", [{ checks: ["payments:paid_orders", "customers:known_ids"] }]],
    ]);
    // A long description is cut so that Run check stays on screen; the hover has all of it.
    expect(titles(warned)[0]).toBe("⚠ warned: [2 amounts](command:assetline.materiali…");
  });

  it("lists an asset's checks with their results and metadata in its hover, and links Run checks", async () => {
    const hover = await client.hover(orders, positionOf(ORDERS, "orders = asset", 2));
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown).toContain("**Checks** ✖ 1 of 3 checks failed");
    expect(markdown).toContain("`row_count`: ✓ passed 2 min ago in run `checks-run`\n\n- **row_count**: 4");
    expect(markdown).toContain(
      "`unique_order_id` (blocking): ✖ failed: 3 duplicate order_id values, 2 min ago in run `checks-run`\n\n- **duplicate_count**: 3",
    );
    expect(markdown).toContain("`positive_totals`: ○ never run");
    expect(markdown).toContain("**Freshness** overdue by 3 h: last materialized 1 day ago, maximum lag 1 d");
    const key = encodeURIComponent(JSON.stringify([{ assets: ["orders"] }]));
    expect(markdown).toContain(`[▶ Run checks](command:assetline.runChecks?${key})`);
  });

  it("hovers a check's definition with what it checks and its result; user text links nowhere", async () => {
    const hover = await client.hover(orders, positionOf(ORDERS, "unique_order_id = assetCheck", 3));
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown.split("\n\n").slice(0, 3)).toEqual([
      "**check unique_order_id** on `orders` · blocking",
      "Each order once",
      "---",
    ]);
    expect(markdown).toContain("✖ failed: 3 duplicate order_id values, 2 min ago in run `checks-run`");
    const key = encodeURIComponent(JSON.stringify([{ checks: ["orders:unique_order_id"] }]));
    expect(markdown.trimEnd().split("\n").at(-1)).toBe(`[▶ Run check](command:assetline.runChecks?${key})`);
    // A description from the check's own code is shown, never followed.
    const warned = await client.hover(payments, positionOf(PAYMENTS, "rounded_amounts = assetCheck", 3));
    const links = (warned!.contents as MarkupContent).value.match(/\]\(command:[\w.]+/g);
    expect(links).toEqual(["](command:assetline.runChecks"]);
  });

  it("warns on an overdue asset's name, with how late it is and its policy", async () => {
    const [warning] = await client.until(
      "the freshness warning on orders",
      () => freshnessWarnings(orders).length === 1 && freshnessWarnings(orders),
    );
    expect(warning).toMatchObject({
      range: {
        start: positionOf(ORDERS, "orders = asset"),
        end: positionOf(ORDERS, "orders = asset", "orders".length),
      },
      severity: 2,
      source: "assetline",
      code: "freshness",
      message:
        "orders is overdue by 3 h: last materialized 1 day ago, maximum lag 1 d. Materialize it to bring it up to date.",
    });
  });

  it("keeps the warning on the name while the file is edited", async () => {
    const edited = `// Orders, as the shop records them.\n${ORDERS}`;
    await client.open(orders, ORDERS);
    const published = client.nextPublish(orders);
    await client.change(orders, edited);
    await published;
    expect(freshnessWarnings(orders).map((warning) => warning.range.start)).toEqual([
      positionOf(edited, "orders = asset"),
    ]);
    await client.change(orders, ORDERS);
  });

  it("warns by itself when a fresh asset's deadline passes, with no save, run or store change then", async () => {
    const events = workspace.file("src/events.ts");
    await client.until("the warning on events, materialized 2 h ago", () => freshnessWarnings(events).length === 1);
    // Materialized now less the lag plus 3 s: fresh, due in 3 s.
    const due = Date.now() + 3000;
    await recordRun(join(workspace.root, ".assetline"), "almost-late", [
      materialized(materialization("events", "almost-late", due - HOUR)),
    ]);
    await client.until("the warning gone after the materialization", () => freshnessWarnings(events).length === 0);
    const [warning] = await client.until(
      "the warning at the deadline",
      () => freshnessWarnings(events).length === 1 && freshnessWarnings(events),
      20_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(due);
    expect(warning!.message).toMatch(
      /^events is overdue by (moments|\d s): last materialized 1 h ago, maximum lag 1 h\./,
    );
  });

  it("in an untrusted workspace: a check's lens says why it cannot run, and no store warning stays", async () => {
    await client.trustChanged(false);
    const lenses = await lensesAt(orders, ORDERS, "unique_order_id = assetCheck", (t) => t.length === 1);
    expect(lenses[0]!.command).toEqual({
      title: "⚠ Run check disabled: workspace not trusted",
      command: "workbench.trust.manage",
      arguments: [],
    });
    await client.until("no freshness warning", () => freshnessWarnings(orders).length === 0);
    await client.trustChanged(true);
    await client.until("the freshness warning again", () => freshnessWarnings(orders).length === 1);
  });
});
