import type { WarmWorkspace } from "../run/workspaceRun";
/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The folder relative paths are resolved against (the process's cwd). */
  cwd: string;
  /** Fires on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** stdout is a terminal: a person reads it, so a silent success gets one summary line. */
  interactive?: boolean;
  /** In the daemon's warm run process: the workspace `materialize` runs, analyzed and loaded ahead. */
  warm?: WarmWorkspace;
}

export interface ParsedArgs {
  /** Keyed by the long option name without dashes (`dry-run`); absent options are undefined. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One option as commander takes it: `--select <SEL>` takes a value, `--json` is a switch. */
export interface OptionSpec {
  flags: string;
  description: string;
  /** Given more than once, each value counts (`--check a --check b`): its value is then a list. */
  repeatable?: boolean;
}

/** One `assetline <name>` command. Every command takes the workspace folder as its last positional (default: cwd). */
export interface Command {
  name: string;
  summary: string;
  /** The positionals as help shows them, e.g. `[KEY...] [dir]`. */
  args: string;
  options: OptionSpec[];
  /** Internal (the daemon runs it): left out of `assetline --help`. */
  hidden?: boolean;
  /** Returns the exit code. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

/**
 * A mistake in how the command was called or where (no workspace, a bad flag value): one line on stderr, no stack, and
 * exit code 2, as for a misspelled flag.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
