import * as path from "node:path";
import Mocha from "mocha";

/**
 * Runs the given built test files (names relative to `dir`, in this order) with mocha, as VS Code's extension test
 * runners expect of `run()`: resolves when all pass, rejects naming how many failed.
 */
export function runMochaFiles(dir: string, files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 120_000, reporter: "spec" });
  for (const file of files) mocha.addFile(path.join(dir, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} of the Assetline editor tests failed.`)) : resolve(),
    );
  });
}
