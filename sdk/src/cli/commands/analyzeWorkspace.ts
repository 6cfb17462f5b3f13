/** Shared by `check`, `list` and `graph`: the same analyzer the language server uses, over the workspace folder. */
import { relative } from "node:path";
import { createAnalyzer, type Analyzer } from "../../analyze";
import type { ParsedArgs } from "../command";
import { workspacePaths } from "../workspaceArgs";

export function analyzeWorkspace(args: ParsedArgs, cwd: string): Analyzer {
  const { root, definitionsFile } = workspacePaths(args, cwd);
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  return analyzer;
}

/** A file as the commands print it: relative to where the command runs, forward slashes (terminals make `file:line` a link). */
export function displayPath(cwd: string, file: string): string {
  return relative(cwd, file).split("\\").join("/");
}
