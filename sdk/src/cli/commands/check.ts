import type { AnalyzerDiagnostic } from "../../analyze";
import type { Command } from "../command";
import { definitionsHelp, definitionsOption, errorMessage, storeHelp, storeOption } from "../workspaceArgs";
import { analyzeWorkspace, displayPath } from "./analyzeWorkspace";

/** `file:line:col - error AL1001: message`, 1-based. */
export function formatDiagnostic(diagnostic: AnalyzerDiagnostic, cwd: string): string {
  const { line, character } = diagnostic.range.start;
  return `${displayPath(cwd, diagnostic.file)}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const checkCommand: Command = {
  name: "check",
  summary: "Validate the asset definitions without running them; exits 1 on any error",
  usage: "[--definitions FILE] [--store DIR] [dir]",
  help: [definitionsHelp, `${storeHelp} (accepted for symmetry; check never reads the store)`],
  options: { ...definitionsOption, ...storeOption },
  async run(args, io) {
    try {
      const diagnostics = analyzeWorkspace(args, io.cwd).diagnostics();
      if (diagnostics.length === 0) return 0;
      for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      const files = new Set(diagnostics.map((d) => d.file)).size;
      io.stdout(
        `\nFound ${plural(errors, "error")} and ${plural(diagnostics.length - errors, "warning")} in ${plural(files, "file")}.\n`,
      );
      return errors > 0 ? 1 : 0;
    } catch (error) {
      io.stderr(`assetline check: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
