#!/usr/bin/env node
// Passes `npm test`'s output through and writes one summary line (to the file given as its argument, else stdout):
// each layer's wall time and test count. Layers are the `npm run X` steps of the root `test` script (read from
// package.json, so the two never disagree); the end-to-end steps add their own `[name] ... in N s` lines.
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const testScript = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.test;
const layers = [...testScript.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
/** @type {{ name: string; started: number; ended?: number; tests: number; failed: number }[]} */
const seen = [];
const subLayers = /** @type {string[]} */ ([]);
const started = Date.now();

for await (const raw of createInterface({ input: process.stdin })) {
  process.stdout.write(`${raw}\n`);
  // Colours off: vitest colours its summary even into a pipe when CI is set.
  const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
  const header = /^> \S+@\S+ ([\w:-]+)$/.exec(line);
  // A layer's header, not a nested `npm run` inside one (test:e2e runs `package`, which runs `build` again).
  const next = header?.[1];
  if (next && layers.indexOf(next, seen.length) !== -1) {
    const now = Date.now();
    const previous = seen.at(-1);
    if (previous) previous.ended = now;
    seen.push({ name: next, started: now, tests: 0, failed: 0 });
    continue;
  }
  const current = seen.at(-1);
  if (!current) continue;
  // vitest: "Tests  3 failed | 326 passed (329)"; mocha: "  8 passing (2m)" / "  1 failing"; grammar: one line per file.
  const vitest = /^\s*Tests\s+(?:(\d+) failed \| )?.*\((\d+)\)\s*$/.exec(line);
  if (vitest) {
    current.tests += Number(vitest[2]);
    current.failed += Number(vitest[1] ?? 0);
  }
  const passing = /^\s*(\d+) passing\b/.exec(line);
  if (passing) current.tests += Number(passing[1]);
  const failing = /^\s*(\d+) failing\b/.exec(line);
  if (failing) {
    current.tests += Number(failing[1]);
    current.failed += Number(failing[1]);
  }
  if (/run successfuly\.$/.test(line)) current.tests += 1;
  const runner = /^\[([\w-]+)\] (.+) in ([\d.]+) s$/.exec(line);
  if (runner) subLayers.push(`${runner[1]} ${Math.round(Number(runner[3]))} s`);
}

const last = seen.at(-1);
if (last && last.ended === undefined) last.ended = Date.now();
const seconds = (/** @type {number} */ ms) => `${Math.round(ms / 1000)} s`;
const parts = seen.map(({ name, started: from, ended, tests, failed }) => {
  const count = tests ? `, ${tests} tests${failed ? ` (${failed} failed)` : ""}` : "";
  const detail = name === "test:e2e" && subLayers.length ? ` [${subLayers.join(", ")}]` : "";
  return `${name} ${seconds((ended ?? from) - from)}${count}${detail}`;
});
const total = seen.reduce((sum, layer) => sum + layer.tests, 0);
const failed = seen.reduce((sum, layer) => sum + layer.failed, 0);
const summary = `${total - failed} passed, ${failed} failed in ${seconds(Date.now() - started)}: ${parts.join("; ")}.`;
const [summaryFile] = process.argv.slice(2);
if (summaryFile) writeFileSync(summaryFile, `${summary}\n`);
else console.log(summary);
