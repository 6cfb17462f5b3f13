import { parseArgs } from "node:util";
import { LinkRefused } from "../io/links";
import type { Command, CommandIO } from "./command";
import { commands } from "./commands";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: assetline <command> [options] [dir]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `assetline <command> --help` for a command's options.",
  ].join("\n");
}

function commandHelp(command: Command): string {
  return [
    `Usage: assetline ${command.name} ${command.usage}`,
    "",
    command.summary,
    "",
    "Options:",
    ...command.help.map((line) => `  ${line}`),
    "  --help  show this help",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${usage()}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`assetline: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${commandHelp(command)}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`assetline ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}\n`);
    return 2;
  }
  try {
    return await command.run(parsed as never, io);
  } catch (error) {
    // A store folder that is refused (a symbolic link where the store must be real) is the user's to fix: one line.
    if (!(error instanceof LinkRefused)) throw error;
    io.stderr(`assetline ${command.name}: ${error.message}\n`);
    return 2;
  }
}
