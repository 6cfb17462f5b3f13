#!/usr/bin/env node
// `npm start`: the example workspace in VS Code in the browser. Installs the tools (once), builds and packages the
// extension, materializes examples/ecommerce with the CLI, installs the .vsix into code-server and serves the example
// at a printed local URL until Ctrl-C.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { prepareProfile, serveCodeServer } from "../test/vscode/codeServer.mjs";
import { repoRoot, testHome } from "../test/vscode/tools.mjs";

const workspace = join(repoRoot, "examples/ecommerce");
const port = Number(process.env.PORT ?? 8080);
/** @param {string} command @param {string[]} args */
const step = (command, args) => execFileSync(command, args, { cwd: repoRoot, stdio: "inherit" });

step(join(repoRoot, "test/vscode/setup"), []);
step("npm", ["run", "--silent", "package"]);
// With the machine's Node, as the extension does: the workspace's better-sqlite3 is built for it.
step("node", [join(repoRoot, "sdk/bin/assetline.js"), "materialize", workspace]);
const profile = prepareProfile("start", join(repoRoot, "assetline.vsix"));
const logFile = join(testHome, "start-code-server.log");
const server = await serveCodeServer({ workspace, port, ...profile, logFile });

// The process stays up while code-server's output pipes are open; Ctrl-C stops its whole process group (processGroup.mjs).
console.log(
  `\nAssetline's example is open in VS Code at ${server.url}\n(code-server log: ${logFile}; Ctrl-C stops it)`,
);
