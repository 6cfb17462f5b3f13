/**
 * Language-server benchmark on a synthetic workspace (bench/analyzer's generator, 10,000 assets by default):
 * initialize -> first diagnostics, and didChange of one file -> the publishDiagnostics that follow, beside a bare
 * `ts.createSourceFile` parse of the same files measured in the same run; and the server's resident memory after
 * 10,000 more edits beside its resident memory before them. Run with `npm run bench:server [assets]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAnalyzer } from "../../sdk/src/analyze";
import { parseSource } from "../../sdk/src/analyze/extract";
import { TestClient } from "../../test/protocol/client";
import { generateWorkspace } from "../analyzer/generate";

const ASSETS = Number(process.argv[2] ?? 10_000);
const KEYSTROKES = 300;
const KEY_EDITS = 60;
const LENS_EDITS = 50;
/** Edits whose effect on the server's memory is measured: a leak of a few kilobytes per edit shows as hundreds of MB. */
const MEMORY_EDITS = 10_000;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const medianAndP95 = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function bareParse(files: string[]): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (const file of files) parseSource(file, readFileSync(file, "utf8"));
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function bareParseOne(file: string, text: string): number {
  const times = Array.from({ length: 50 }, () => {
    const start = performance.now();
    parseSource(file, text);
    return performance.now() - start;
  });
  return percentile(times, 50);
}

const bodyEdit = (text: string, i: number) =>
  text.replace(/Building (\w+)\.\.\./, `Building $1...${"x".repeat(1 + (i % 7))}`);

/** The same edits straight into an analyzer in this process: what the server costs on top is LSP and transport. */
function analyzerOnly(root: string, file: string, text: string): number[] {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  return Array.from({ length: KEYSTROKES }, (_, i) => {
    const start = performance.now();
    for (const changed of analyzer.update(file, bodyEdit(text, i))) analyzer.diagnostics(changed);
    return performance.now() - start;
  });
}

/** Time from sending the change to the edited file's diagnostics, and to every diagnostic it caused. */
async function timeEdit(
  client: TestClient,
  file: string,
  text: string,
): Promise<{ published: number; settled: number }> {
  const start = performance.now();
  const published = client.nextPublish(file);
  await client.change(file, text);
  await published;
  const publishedAt = performance.now();
  // The server handles messages in order: a request's answer comes after every publish the change caused. Quick fixes
  // without diagnostics answer without asking the analyzer, so the probe adds only the round trip.
  await client.codeActions(file, []);
  return { published: publishedAt - start, settled: performance.now() - start };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "assetline-bench-server-"));
  try {
    const files = [...generateWorkspace(root, ASSETS).keys()];
    // One missing upstream, so the server has a first diagnostic to publish.
    const broken = files.at(-1)!;
    writeFileSync(
      broken,
      `${readFileSync(broken, "utf8")}\nexport const needs_missing = asset({ deps: ["missing_upstream"] }, () => 1);\n`,
    );

    const parseAll = bareParse(files);
    const edited = files[Math.floor(files.length / 2)]!;
    const editedText = readFileSync(edited, "utf8");
    const parseOne = bareParseOne(edited, editedText);

    const started = performance.now();
    const client = await TestClient.start({ root, trusted: false });
    const initializeAnswered = performance.now() - started;
    await client.until("first diagnostics", () => client.diagnosticsOf(broken).length > 0, 120_000);
    const firstDiagnostics = performance.now() - started;

    await client.open(edited, editedText);
    const keystrokes: { published: number; settled: number }[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      keystrokes.push(await timeEdit(client, edited, bodyEdit(editedText, i)));
    }
    // Renaming an asset breaks its downstream in other files; renaming it back fixes them.
    const name = /export const (\w+) =/.exec(editedText)![1]!;
    const keyEdits: { published: number; settled: number }[] = [];
    for (let i = 0; i < KEY_EDITS; i++) {
      const text =
        i % 2 === 0 ? editedText.replace(`export const ${name} =`, `export const ${name}_renamed =`) : editedText;
      keyEdits.push(await timeEdit(client, edited, text));
    }
    // What an editor does after typing: the edited file's lenses (its assets and their neighbours).
    const lensEdits: number[] = [];
    for (let i = 0; i < LENS_EDITS; i++) {
      const start = performance.now();
      await client.change(edited, bodyEdit(editedText, i + 1));
      await client.codeLenses(edited);
      lensEdits.push(performance.now() - start);
    }
    // Memory: resident size right after the edits above (the baseline), then after many more of the same kinds.
    const rssAfterLoad = client.residentBytes();
    for (let i = 0; i < MEMORY_EDITS; i++) {
      const body = bodyEdit(editedText, i);
      // Every tenth edit renames an asset, as typing a new name does.
      await client.change(
        edited,
        i % 10 === 0 ? body.replace(`export const ${name} =`, `export const ${name}_${i % 3} =`) : body,
      );
      // Waiting for an answer now and then keeps the server from lagging behind by thousands of queued edits.
      if (i % 50 === 49) await client.codeActions(edited, []);
    }
    await client.codeActions(edited, []);
    const rssAfterEdits = client.residentBytes();
    await client.stop();
    const inProcess = analyzerOnly(root, edited, editedText);

    const results = {
      assets: ASSETS,
      files: files.length,
      bareParseAllMs: parseAll,
      bareParseOneFileMs: parseOne,
      spawnToInitializeAnsweredMs: initializeAnswered,
      spawnToFirstDiagnosticsMs: firstDiagnostics,
      keystroke: medianAndP95(keystrokes.map((k) => k.published)),
      keyRename: medianAndP95(keyEdits.map((k) => k.settled)),
      editThenLenses: medianAndP95(lensEdits),
      rssAfterLoadMB: rssAfterLoad / 1e6,
      rssAfterEditsMB: rssAfterEdits / 1e6,
      analyzerUpdateInProcess: { p50: percentile(inProcess, 50), p95: percentile(inProcess, 95) },
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/server.json", `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      [
        `Assetline language server, ${ASSETS.toLocaleString("en-US")} assets in ${files.length.toLocaleString("en-US")} files`,
        `  bare parse, every file (baseline):        ${ms(parseAll)}`,
        `  bare parse, the edited file (baseline):   ${ms(parseOne)}`,
        `  spawn -> initialize answered:             ${ms(initializeAnswered)}`,
        `  spawn + initialize -> first diagnostics:  ${ms(firstDiagnostics)}  (${(firstDiagnostics / parseAll).toFixed(1)}x bare parse of every file; target <= 2,000 ms)`,
        `  analyzer.update + diagnostics in process, same body edits (baseline): p50 ${ms(results.analyzerUpdateInProcess.p50)}, p95 ${ms(results.analyzerUpdateInProcess.p95)}`,
        `  didChange -> publishDiagnostics, body edit (${KEYSTROKES}): p50 ${ms(results.keystroke.p50)}, p95 ${ms(results.keystroke.p95)}  (p95 ${(results.keystroke.p95 / parseOne).toFixed(1)}x one-file parse; target p95 <= 30 ms)`,
        `  didChange -> all diagnostics, key rename (${KEY_EDITS}): p50 ${ms(results.keyRename.p50)}, p95 ${ms(results.keyRename.p95)}  (p95 ${(results.keyRename.p95 / parseOne).toFixed(1)}x one-file parse)`,
        `  didChange + code lenses of the file (${LENS_EDITS}): p50 ${ms(results.editThenLenses.p50)}, p95 ${ms(results.editThenLenses.p95)}`,
        `  server RSS after load and the edits above (baseline): ${mb(rssAfterLoad)}`,
        `  server RSS after ${MEMORY_EDITS.toLocaleString("en-US")} more edits:            ${mb(rssAfterEdits)}  (${(rssAfterEdits / rssAfterLoad).toFixed(2)}x the baseline; a leak-free server stays near 1x)`,
      ].join("\n"),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
