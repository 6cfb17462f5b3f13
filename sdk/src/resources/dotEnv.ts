/** The run's environment: `process.env` first, then the workspace's `.env` file (read once, when a variable is asked for). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import type { EnvLookup } from "./envVar";

export function workspaceEnv(root: string | undefined, env: NodeJS.ProcessEnv = process.env): EnvLookup {
  let file: Record<string, string> | undefined;
  const fromFile = () => {
    if (file) return file;
    if (root === undefined) return (file = {});
    try {
      file = parseEnv(readFileSync(join(root, ".env"), "utf8")) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      file = {};
    }
    return file;
  };
  return (name) => env[name] ?? fromFile()[name];
}
