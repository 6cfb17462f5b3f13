import type { AnalyzerDiagnostic } from "../../analyze";
import type { AssetGraph } from "../../protocol";
import { changedKeys } from "../../run/workspaceFacts";
import { selectAssets } from "../../selection";
import type { Command, ParsedArgs } from "../command";
import {
  definitionsHelp,
  definitionsOption,
  errorMessage,
  storeHelp,
  storeOption,
  workspacePaths,
} from "../workspaceArgs";
import { analyzeWorkspace, displayPath } from "./analyzeWorkspace";

/** `file:line:col - error AL1001: message`, 1-based. */
export function formatDiagnostic(diagnostic: AnalyzerDiagnostic, cwd: string): string {
  const { line, character } = diagnostic.range.start;
  return `${displayPath(cwd, diagnostic.file)}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

/** What `changed_in_branch:REV+` picks, split into the changed assets and those downstream of them. */
function changedText(args: ParsedArgs, cwd: string, base: string, graph: AssetGraph): string {
  const { root, definitionsFile } = workspacePaths(args, cwd);
  const changed = changedKeys(root, definitionsFile, base, graph);
  const reached = selectAssets({ type: "traverse", operand: { type: "changed_in_branch", base }, down: "all" }, graph, {
    changedSince: () => changed,
  });
  const downstream = [...reached].filter((key) => !changed.has(key));
  if (changed.size === 0) return `No asset changed since ${base}.\n`;
  return [
    `Changed since ${base}: ${[...changed].join(", ")}`,
    downstream.length > 0 ? `Downstream of them: ${downstream.join(", ")}` : "Nothing is downstream of them.",
    "",
  ].join("\n");
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const checkCommand: Command = {
  name: "check",
  summary: "Validate the asset definitions without running them; exits 1 on any error",
  usage: "[--changed-since REV] [--definitions FILE] [--store DIR] [dir]",
  help: [
    "--changed-since REV  also list the assets whose definition changed since git revision REV, and what they feed",
    definitionsHelp,
    `${storeHelp} (accepted for symmetry; check never reads the store)`,
  ],
  options: { "changed-since": { type: "string" }, ...definitionsOption, ...storeOption },
  async run(args, io) {
    try {
      const analyzer = analyzeWorkspace(args, io.cwd);
      const diagnostics = analyzer.diagnostics();
      for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      const files = new Set(diagnostics.map((d) => d.file)).size;
      if (diagnostics.length > 0)
        io.stdout(
          `\nFound ${plural(errors, "error")} and ${plural(diagnostics.length - errors, "warning")} in ${plural(files, "file")}.\n`,
        );
      const base = args.values["changed-since"];
      if (typeof base === "string") io.stdout(changedText(args, io.cwd, base, analyzer.graph()));
      return errors > 0 ? 1 : 0;
    } catch (error) {
      io.stderr(`assetline check: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
