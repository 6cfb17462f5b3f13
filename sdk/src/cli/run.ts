/**
 * Parsing and help with commander: it aligns the help columns, suggests the closest command or flag for a typo, and
 * is the most used and best kept parser on npm (cac has a tenth of its users and suggests nothing). Commands stay
 * plain objects (`Command`); this file is the only one that knows commander.
 */
import { Command as Program, CommanderError, Option } from "commander";
import type { Command, CommandIO, ParsedArgs } from "./command";
import { commands } from "./commands";
import { failure } from "./workspaceArgs";

/** commander's wording (`error: unknown option '--selct'\n(Did you mean --select?)`) as one line of ours. */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean (.*)\?\)/, " (did you mean $1?)")
    .replace(/\n/g, " ");
}

function program(io: CommandIO, ran: (command: Command, args: ParsedArgs) => void): Program {
  const root = new Program("assetline")
    .usage("<command> [options] [dir]")
    .description("Software-defined assets for TypeScript: check, materialize and inspect a workspace's assets.")
    .addHelpText("after", "\nRun `assetline <command> --help` for a command's options.")
    .helpCommand(false)
    .helpOption("-h, --help", "show this help")
    // The command list shows each command's own positionals, not commander's catch-all `[args...]`.
    .configureHelp({ subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}` });
  for (const command of commands) {
    const sub = root
      .command(command.name, { hidden: command.hidden === true })
      .summary(command.summary)
      .description(command.summary);
    sub.usage(`[options] ${command.args}`).argument("[args...]").allowExcessArguments();
    sub.helpOption("-h, --help", "show this help");
    const options = command.options.map((spec) => {
      const option = new Option(spec.flags, spec.description);
      return spec.repeatable ? option.argParser((value: string, list: string[] = []) => [...list, value]) : option;
    });
    for (const option of options) sub.addOption(option);
    sub.action((positionals: string[]) => {
      const opts = sub.opts();
      const values: ParsedArgs["values"] = {};
      for (const option of options) values[option.long!.slice(2)] = opts[option.attributeName()];
      ran(command, { values, positionals });
    });
  }
  const configure = (cmd: Program) =>
    cmd
      .exitOverride()
      .showSuggestionAfterError(true)
      .configureOutput({
        writeOut: io.stdout,
        writeErr: io.stderr,
        // Errors are printed by runCli, in one line with the command's name.
        outputError: () => {},
        getOutHelpWidth: () => 120,
        getErrHelpWidth: () => 120,
      });
  configure(root);
  for (const sub of root.commands) configure(sub);
  return root;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  let chosen: { command: Command; args: ParsedArgs } | undefined;
  const cli = program(io, (command, args) => {
    chosen = { command, args };
  });
  if (argv.length === 0) {
    io.stdout(cli.helpInformation());
    return 1;
  }
  // `assetline help [command]`, as git and npm take it.
  if (argv[0] === "help") argv = [...argv.slice(1, 2), "--help"];
  try {
    // Parsing only records the command: running it outside commander keeps its errors ours.
    await cli.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.help") return error.exitCode;
    const name = commands.find((c) => c.name === argv[0])?.name;
    const help = name ? `assetline ${name} --help` : "assetline --help";
    io.stderr(`assetline${name ? ` ${name}` : ""}: ${oneLine(error.message)}. Run \`${help}\` for the options.\n`);
    return 2;
  }
  if (!chosen) return 2;
  try {
    return await chosen.command.run(chosen.args, io);
  } catch (error) {
    return failure(io, chosen.command.name, error);
  }
}
