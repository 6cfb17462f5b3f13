import { runMochaFiles } from "../mochaRun";

/** The suite for a launch with Workspace Trust on and the folder not trusted. */
export function run(): Promise<void> {
  return runMochaFiles(__dirname, ["materializeRefused.test.js", "checksRefused.test.js"]);
}
