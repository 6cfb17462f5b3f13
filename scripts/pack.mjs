// `npm run pack`: the two installable artifacts, at the repository's root.
// - assetline-<version>.tgz: the `assetline` package (SDK, analyzer, runner, CLI) with its bundles and type declarations,
//   for `npm install <path-to-tgz>` in any project;
// - assetline.vsix: the VS Code extension, for *Extensions: Install from VSIX…* or `code --install-extension`.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// Declarations come from the sources; the package's `types` conditions point at them (`source` is for this repository).
rmSync("sdk/dist/types", { recursive: true, force: true });
run("npx", [
  "tsc",
  "-p",
  "sdk",
  "--noEmit",
  "false",
  "--declaration",
  "--emitDeclarationOnly",
  "--rootDir",
  "sdk/src",
  "--outDir",
  "sdk/dist/types",
]);
// `package` builds every bundle (sdk/dist among them) and the .vsix.
run(npm, ["run", "--silent", "package"]);
run(npm, ["pack", "--workspace", "sdk", "--pack-destination", ".", "--silent"]);

const { version } = JSON.parse(readFileSync("sdk/package.json", "utf8"));
console.log(`pack: assetline-${version}.tgz and assetline.vsix are ready`);
