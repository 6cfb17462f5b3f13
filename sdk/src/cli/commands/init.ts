/**
 * `assetline init [dir]`: a workspace in an empty folder or an existing npm project. Never overwrites: a file that
 * exists is left alone (package.json only gains the dependency, .gitignore only the store line), and each is reported
 * as created, added to or skipped, so running it twice is harmless.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { version } from "../../../package.json";
import { DEFAULT_STORE_FOLDER } from "../../protocol";
import { CliError, type Command } from "../command";
import { dependsOnAssetline } from "../workspaceRoot";

const ASSETS = `import { asset } from "assetline";

/** Numbers to start from: replace the function with a load from your database, an API or a file. */
export const numbers = asset({ group: "example" }, () => [3, 1, 4, 1, 5]);

/** The sum of \`numbers\`: naming an upstream by its handle makes the edge and types the value. */
export const total = asset({ group: "example", ins: { numbers } }, ({ numbers }) =>
  numbers.reduce((sum, n) => sum + n, 0),
);
`;

const TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { materialize } from "assetline";
import * as assets from "./assets";

// The same executor as \`assetline materialize\`, in memory: no store, no CLI.
test("total sums numbers", async () => {
  const outcome = await materialize(assets, { selection: "+key:total" });
  assert.equal(outcome.success, true);
  assert.equal(outcome.values.total, 14);
});
`;

// node:test needs no install; Node 20 cannot run TypeScript, so esbuild (a dependency of assetline) bundles it first,
// as .cjs so that a "type": "module" project runs it too.
const TEST_SCRIPT = `esbuild src/assets.test.ts --bundle --platform=node --packages=external --outfile=${DEFAULT_STORE_FOLDER}/test/assets.test.cjs --log-level=warning && node --test ${DEFAULT_STORE_FOLDER}/test/assets.test.cjs`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "preserve",
    moduleResolution: "bundler",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ["src"],
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** An npm package name from a folder name: lower case, no spaces. */
const packageName = (folder: string) =>
  basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "") || "assets";

interface Outcome {
  created: string[];
  changed: string[];
  skipped: string[];
}

/** package.json: a new one, or the existing one with the dependency (and a test script, if it has none) added. */
function writePackageJson(dir: string, outcome: Outcome): void {
  const file = join(dir, "package.json");
  const dependency = `^${version}`;
  if (!existsSync(file)) {
    writeFileSync(
      file,
      json({
        name: packageName(dir),
        version: "0.1.0",
        private: true,
        scripts: { check: "assetline check", materialize: "assetline materialize", test: TEST_SCRIPT },
        dependencies: { assetline: dependency },
      }),
    );
    outcome.created.push("package.json");
    return;
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`${file} is not valid JSON (${(error as Error).message}); fix it, then run init again.`);
  }
  // A project that installed assetline already (`npm install assetline-<version>.tgz`) keeps its dependency as written.
  const addDependency = !dependsOnAssetline(dir);
  const scripts = (manifest.scripts ?? {}) as Record<string, string>;
  const addTest = scripts.test === undefined || /no test specified/.test(scripts.test);
  if (!addDependency && !addTest) {
    outcome.skipped.push("package.json (already depends on assetline and has a test script)");
    return;
  }
  if (addDependency)
    manifest.dependencies = { ...(manifest.dependencies as object | undefined), assetline: dependency };
  if (addTest) manifest.scripts = { ...scripts, test: TEST_SCRIPT };
  writeFileSync(file, json(manifest));
  const added = [addDependency && "the assetline dependency", addTest && "a test script"].filter(Boolean).join(" and ");
  outcome.changed.push(`package.json (added ${added})`);
}

/** Whether `npm test` runs the example's test: the test script is the one init writes. */
function runsExampleTest(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts?: { test?: string } };
  return manifest.scripts?.test === TEST_SCRIPT && existsSync(join(dir, "src/assets.test.ts"));
}

function writeIfMissing(dir: string, path: string, text: string, outcome: Outcome): boolean {
  const file = join(dir, path);
  if (existsSync(file)) {
    outcome.skipped.push(`${path} (exists)`);
    return false;
  }
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  outcome.created.push(path);
  return true;
}

/** The store is local state, never committed. */
function ignoreStore(dir: string, outcome: Outcome): void {
  const file = join(dir, ".gitignore");
  const line = `${DEFAULT_STORE_FOLDER}/`;
  if (!existsSync(file)) {
    writeFileSync(file, `node_modules/\n${line}\n`);
    outcome.created.push(".gitignore");
    return;
  }
  const text = readFileSync(file, "utf8");
  const ignored = text.split(/\r?\n/).some((l) => [DEFAULT_STORE_FOLDER, line, `/${line}`].includes(l.trim()));
  if (ignored) {
    outcome.skipped.push(`.gitignore (already ignores ${line})`);
    return;
  }
  writeFileSync(file, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`);
  outcome.changed.push(`.gitignore (added ${line})`);
}

export const initCommand: Command = {
  name: "init",
  summary: "Make a workspace: package.json dependency, tsconfig, two example assets and a test; overwrites nothing",
  args: "[dir]",
  options: [],
  async run(args, io) {
    const dir = resolve(io.cwd, args.positionals[0] ?? ".");
    mkdirSync(dir, { recursive: true });
    const outcome: Outcome = { created: [], changed: [], skipped: [] };
    writePackageJson(dir, outcome);
    writeIfMissing(dir, "tsconfig.json", json(TSCONFIG), outcome);
    // The test names the example's assets: it comes only with them.
    if (writeIfMissing(dir, "src/assets.ts", ASSETS, outcome)) writeIfMissing(dir, "src/assets.test.ts", TEST, outcome);
    else outcome.skipped.push("src/assets.test.ts (it tests the example assets, which were not written)");
    ignoreStore(dir, outcome);
    const list = (title: string, items: string[]) =>
      items.length ? `${title}:\n${items.map((item) => `  ${item}\n`).join("")}` : "";
    const cd = dir === io.cwd ? "" : `cd ${args.positionals[0]} && `;
    const third = runsExampleTest(dir) ? "npm test" : "npx assetline status";
    io.stdout(
      `${list("Created", outcome.created)}${list("Changed", outcome.changed)}${list("Skipped", outcome.skipped)}` +
        `\nNext:\n  ${cd}npm install\n  npx assetline materialize\n  ${third}\n`,
    );
    return 0;
  },
};
