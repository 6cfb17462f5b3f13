import type { StepError } from "../protocol";

/** `at fn (file:line:col)` or `at file:line:col` */
const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The error as the protocol carries it. Stacks are already mapped to the TypeScript source (the workspace bundle has
 * inline source maps and the runner enables them); the location is the first frame in the workspace's own code.
 */
export function toStepError(error: unknown): StepError {
  if (!(error instanceof Error)) return { message: String(error) };
  const result: StepError = { message: error.message };
  if (error.stack) {
    result.stack = error.stack;
    for (const line of error.stack.split("\n").slice(1)) {
      const match = FRAME.exec(line);
      if (!match) continue;
      const file = match[1]!;
      if (file.startsWith("node:") || file.includes("/node_modules/") || !/\.[cm]?tsx?$/.test(file)) continue;
      result.location = { file, line: Number(match[2]), column: Number(match[3]) };
      break;
    }
  }
  return result;
}
