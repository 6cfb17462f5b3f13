import type { ParseArgsConfig } from "node:util";

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The folder relative paths are resolved against (the process's cwd). */
  cwd: string;
  /** Fires on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `assetline <name>` command. Every command takes the workspace folder as its last positional (default: cwd). */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines after `assetline <name>`, e.g. `[--json] [dir]`. */
  usage: string;
  /** Option help, one line each: `--json  print the graph as JSON`. */
  help: string[];
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Returns the exit code. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}
