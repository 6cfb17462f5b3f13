import { runCli } from "./run";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second signal while a run is shutting down exits at once.
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  signal: controller.signal,
  interactive: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
    // After a cancelled run is recorded, steps that ignore their AbortSignal must not keep the process alive.
    if (controller.signal.aborted) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`assetline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
