// A throw-away copy of the example workspace, so end-to-end runs never dirty examples/ (edits, .assetline store).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot, testHome } from "./tools.mjs";

/**
 * Copies examples/<name> (or another folder of the repository, `source`, such as a test fixture) to a fresh folder
 * under `parent` (.vscode-test/workspaces unless given) and returns the workspace's path. Its node_modules/assetline is
 * a symlink to the repo's sdk (as in the repo's own workspaces), and the tsconfig.base.json it extends sits at the same
 * relative place.
 */
export function copyExample(name = "ecommerce", source = `examples/${name}`, parent = join(testHome, "workspaces")) {
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, `${name}-`));
  const workspace = join(root, source);
  cpSync(join(repoRoot, source), workspace, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.assetline)$/.test(source),
  });
  cpSync(join(repoRoot, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  mkdirSync(join(workspace, "node_modules"));
  symlinkSync(join(repoRoot, "sdk"), join(workspace, "node_modules", "assetline"), "dir");
  symlinkSync(join(repoRoot, "node_modules", "@types"), join(workspace, "node_modules", "@types"), "dir");
  linkWorkspacePackages(workspace);
  return workspace;
}

/**
 * As npm links an npm-workspaces root's packages (`"workspaces": ["packages/*"]`): node_modules/<name> -> the package.
 * @param {string} workspace
 */
function linkWorkspacePackages(workspace) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(workspace, "package.json"), "utf8"));
  for (const pattern of workspaces) {
    const parent = join(workspace, pattern.replace(/\/\*$/, ""));
    for (const folder of readdirSync(parent)) {
      const manifest = join(parent, folder, "package.json");
      if (!existsSync(manifest)) continue;
      const link = join(workspace, "node_modules", JSON.parse(readFileSync(manifest, "utf8")).name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(parent, folder), link, "dir");
    }
  }
}
