/** The TypeScript files of a workspace on disk: `.ts`/`.tsx` sources, never declarations, dependencies or build output. */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "out", "build", "coverage"]);

// Dot-folders hold tooling and state (.git, .assetline, .vscode-test), never asset code.
const isSkippedFolder = (name: string) => name.startsWith(".") || SKIPPED_FOLDERS.has(name);
const isSourceName = (name: string) => !name.startsWith(".") && /\.tsx?$/.test(name) && !name.endsWith(".d.ts");

export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) visit(path);
      } else if (isSourceName(entry.name)) found.push(path.split("\\").join("/"));
    }
  };
  visit(root);
  return found.sort();
}

/** Whether `listSourceFiles` would list this path (relative to the root): editors feed only these to the analyzer. */
export function isSourceFile(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const name = parts.pop();
  return name !== undefined && isSourceName(name) && !parts.some(isSkippedFolder);
}
