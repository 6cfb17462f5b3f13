import { runMochaFiles } from "../mochaRun";

/** The suite for a launch on examples/monorepo: editor features across npm-workspace packages. */
export function run(): Promise<void> {
  return runMochaFiles(__dirname, ["acrossPackages.test.js"]);
}
