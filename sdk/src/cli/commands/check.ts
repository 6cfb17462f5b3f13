import type { AnalyzerDiagnostic } from "../../analyze";
import { versioned, type AssetGraph } from "../../protocol";
import { changedKeys } from "../../run/workspaceFacts";
import { selectAssets } from "../../selection";
import type { Command, ParsedArgs } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";
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

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const checkCommand: Command = {
  name: "check",
  summary: "Validate the asset definitions without running them; exits 1 on any error",
  args: "[dir]",
  options: [
    { flags: "--json", description: 'print { "diagnostics": AnalyzerDiagnostic[] } and nothing else' },
    { flags: "--quiet", description: "print nothing when there is no problem, even in a terminal" },
    {
      flags: "--changed-since <REV>",
      description: "also list the assets whose definition changed since git revision REV, and what they feed",
    },
    definitionsOption,
    { ...storeOption, description: `${storeOption.description}; accepted for symmetry, check never reads it` },
  ],
  async run(args, io) {
    try {
      const analyzer = analyzeWorkspace(args, io.cwd);
      const diagnostics = analyzer.diagnostics();
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      if (args.values.json) {
        io.stdout(`${JSON.stringify(versioned({ diagnostics }))}\n`);
        return errors > 0 ? 1 : 0;
      }
      if (diagnostics.length === 0) {
        // A terminal gets a word that the check ran; scripts and pipes keep the silence they test for.
        if (io.interactive && !args.values.quiet) {
          const { nodes } = analyzer.graph();
          const files = new Set(nodes.map((node) => node.location?.file).filter(Boolean)).size;
          io.stdout(`No problems: ${plural(nodes.length, "asset")} in ${plural(files, "file")}.\n`);
        }
      }
      const base = args.values["changed-since"];
      if (typeof base === "string") io.stdout(changedText(args, io.cwd, base, analyzer.graph()));
      if (diagnostics.length === 0) return 0;
      for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
      const files = new Set(diagnostics.map((d) => d.file)).size;
      if (diagnostics.length > 0)
        io.stdout(
          `\nFound ${plural(errors, "error")} and ${plural(diagnostics.length - errors, "warning")} in ${plural(files, "file")}.\n`,
        );
      return errors > 0 ? 1 : 0;
    } catch (error) {
      return failure(io, "check", error, 1);
    }
  },
};
