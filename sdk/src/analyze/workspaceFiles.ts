/** The TypeScript files of a workspace on disk: `.ts`/`.tsx` sources, never declarations, dependencies or build output. */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "out", "build", "coverage"]);

export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      // Dot-folders hold tooling and state (.git, .assetline, .vscode-test), never asset code.
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path.split("\\").join("/"));
    }
  };
  visit(root);
  return found.sort();
}
