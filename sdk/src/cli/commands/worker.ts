import { resolve } from "node:path";
import { DEFAULT_LEASE_MS, DEFAULT_QUEUE } from "../../queue";
import { hideSecrets, STORE_URL_VARIABLE } from "../../protocol";
import { sharedStore } from "../../store/openStore";
import { StoreUnavailable } from "../../store/sqliteStore";
import { storageFolder } from "../../store/storeFolder";
import { startWorkerProcess } from "../../worker/workerProcess";
import { CliError, type Command, type ParsedArgs } from "../command";
import { errorMessage, failure, storeOption, storePaths } from "../workspaceArgs";

export const workerCommand: Command = {
  name: "worker",
  summary:
    "Run the steps of queued runs (materialize --executor queue) from a shared PostgreSQL store, each run's code in a step process of its own, until Ctrl-C (which lets running steps finish; a second one aborts them)",
  args: "[dir]",
  options: [
    storeOption,
    {
      flags: "--storage <PATH>",
      description:
        "where large values and Parquet tables go: a folder every worker and the team share (default: the store folder's storage/, this machine's only)",
    },
    { flags: "--concurrency <N>", description: "steps run at once (default 1)" },
    { flags: "--queues <a,b>", description: `the queues served (default: ${DEFAULT_QUEUE})` },
    {
      flags: "--lease-ms <N>",
      description: `a worker silent for longer is taken for lost and its steps run again elsewhere (default ${DEFAULT_LEASE_MS})`,
    },
  ],
  async run(args, io) {
    try {
      const { storeDir } = storePaths(args, io.cwd, args.positionals[0]);
      const location = sharedStore();
      if (!location)
        throw new CliError(
          `a worker takes its steps from a shared PostgreSQL store: give --store postgres://user@host/db?schema=NAME or set ${STORE_URL_VARIABLE}.`,
        );
      const concurrency = wholeNumber(args, "concurrency") ?? 1;
      const leaseMs = wholeNumber(args, "lease-ms");
      const queues =
        typeof args.values.queues === "string"
          ? args.values.queues
              .split(",")
              .map((queue) => queue.trim())
              .filter(Boolean)
          : [DEFAULT_QUEUE];
      const shared = typeof args.values.storage === "string";
      const storage = shared ? resolve(io.cwd, args.values.storage as string) : storageFolder(storeDir);
      const worker = await startWorkerProcess({
        location,
        storeDir,
        storage,
        concurrency,
        queues,
        ...(leaseMs !== undefined && { leaseMs }),
        cliPath: process.argv[1]!,
        log: (line) => io.stdout(`${line}\n`),
      });
      io.stdout(
        `assetline worker ${worker.id} ready on ${location.redacted}: queues ${queues.join(", ")}, concurrency ${concurrency}, storage ${storage}${shared ? "" : " (this machine's only: give every worker the same --storage to run steps on several machines)"}\n`,
      );
      const stopped = new Promise((resolved) => io.signal.addEventListener("abort", resolved, { once: true }));
      const failed = await Promise.race([
        stopped.then(() => undefined),
        worker.failure.catch((error: unknown) => error),
      ]);
      io.stdout("assetline worker: stopping: no new step is taken, running steps finish (Ctrl-C again aborts them)\n");
      await worker.stop();
      if (failed !== undefined) throw failed;
      return 0;
    } catch (error) {
      // The queue's own errors (the server went away while starting) may quote the URL: never its password.
      const url = process.env[STORE_URL_VARIABLE] ?? "";
      const known = error instanceof CliError || error instanceof StoreUnavailable;
      return failure(io, "worker", known ? error : new CliError(hideSecrets(errorMessage(error), url), 1));
    }
  },
};

function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new CliError(`--${name} must be a positive whole number, not "${String(value)}".`);
  return number;
}
