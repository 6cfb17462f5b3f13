import { dirname, sep } from "node:path";
import type { StepError } from "../protocol";

/** `at fn (file:line:col)` or `at file:line:col` */
const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The assetline package's folder: its frames (the runner's executeStep and IO manager, the SDK calling the asset's
 * function) say nothing about the user's code. The bundled CLI is dist/cli.js, so two levels up is the package (or,
 * run from source in tests, its src/).
 */
const PACKAGE_ROOT = typeof __filename === "string" ? dirname(dirname(__filename)) + sep : undefined;

function isRunnerFrame(file: string): boolean {
  return file.startsWith("node:") || (PACKAGE_ROOT !== undefined && file.startsWith(PACKAGE_ROOT));
}

/**
 * The error as the protocol carries it. Stacks are already mapped to the TypeScript source (the workspace bundle has
 * inline source maps and the runner enables them), and keep only the frames outside the runner; the location is the
 * first frame in the workspace's own code. A stack with no such frame (a value that cannot be stored) is left out.
 */
export function toStepError(error: unknown): StepError {
  if (!(error instanceof Error)) return { message: String(error) };
  const result: StepError = { message: error.message };
  if (!error.stack) return result;
  const lines = error.stack.split("\n").map((text) => ({ text, frame: FRAME.exec(text) }));
  const firstFrame = lines.findIndex((line) => line.frame !== null);
  if (firstFrame < 0) return { ...result, stack: error.stack };
  const frames = lines.slice(firstFrame).filter((line) => !isRunnerFrame(line.frame?.[1] ?? ""));
  if (frames.length > 0) result.stack = [...lines.slice(0, firstFrame), ...frames].map((line) => line.text).join("\n");
  const own = frames.find(
    ({ frame }) => frame && !frame[1]!.includes("/node_modules/") && /\.[cm]?tsx?$/.test(frame[1]!),
  )?.frame;
  if (own) result.location = { file: own[1]!, line: Number(own[2]), column: Number(own[3]) };
  return result;
}
