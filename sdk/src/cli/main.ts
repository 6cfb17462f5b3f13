import { isWarmRunProcess, runWarmChild } from "../daemon/warmRun/runChild";
import { runStepProcess } from "../worker/stepProcess";
import { stepProcessSetup } from "../worker/stepProcessSetup";
import { runCli } from "./run";

const stepProcess = stepProcessSetup();

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A worker's step process ends when its worker says or goes (a Ctrl-C reaches the whole process group).
    if (stepProcess) return;
    // A second signal while a run is shutting down exits at once.
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  cwd: process.cwd(),
  signal: controller.signal,
  interactive: process.stdout.isTTY === true,
};
// The daemon's warm run process gets its arguments (and its workspace, loaded ahead) over IPC; a worker's step
// process its steps.
if (stepProcess) runStepProcess(stepProcess);
else
  (isWarmRunProcess() ? runWarmChild(io) : runCli(process.argv.slice(2), io)).then(
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
