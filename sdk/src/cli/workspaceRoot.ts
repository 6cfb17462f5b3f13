/**
 * Which folder is the workspace, found as npm finds a project: the nearest folder, from where the command points and
 * up, whose package.json depends on `assetline`. Without one a command would scan whatever folder it stands in
 * (`/tmp`, a home folder) and create a store there.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CliError } from "./command";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/** Whether `folder/package.json` exists and lists `assetline` in any of its dependency fields. */
export function dependsOnAssetline(folder: string): boolean {
  const file = join(folder, "package.json");
  if (!existsSync(file)) return false;
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return DEPENDENCY_FIELDS.some((field) => {
      const deps = manifest[field];
      return typeof deps === "object" && deps !== null && "assetline" in deps;
    });
  } catch {
    // A package.json that does not parse is npm's error to report, not a workspace.
    return false;
  }
}

/** Whether `assetline` resolves from this folder (an editor folder inside a monorepo whose root installed it). */
function resolvesAssetline(folder: string): boolean {
  try {
    createRequire(join(folder, "package.json")).resolve("assetline/package.json");
    return true;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `start` whose package.json depends on `assetline`, or undefined. */
export function findWorkspaceRoot(start: string): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (dependsOnAssetline(folder)) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * The workspace root for a command pointed at `start` (`explicit`: the user named that folder). A named folder that
 * resolves `assetline` is taken as it is, as the editor does; otherwise there must be a dependent package.json.
 */
export function workspaceRootFor(start: string, explicit: boolean): string {
  if (!existsSync(start) || !statSync(start).isDirectory())
    throw new CliError(`${start} is not a folder: give the workspace folder as the last argument.`);
  const root = findWorkspaceRoot(start) ?? (explicit && resolvesAssetline(start) ? start : undefined);
  if (root === undefined)
    throw new CliError(
      `no Assetline workspace here: no package.json in ${start} or a folder above it depends on "assetline". Run \`npx assetline init\` to make one, or give the workspace folder as the last argument.`,
    );
  return root;
}
