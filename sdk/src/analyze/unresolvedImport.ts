/** AL1014's words: an import TypeScript resolves to no file, named by its specifier, with the fix. */
import { posix } from "node:path";
import type { Target } from "./resolve";

export type UnresolvedTarget = Extract<Target, { type: "unresolved" }>;

/** `reason` completes "`x` ..." (where it is imported from, and that nothing answers); `fix` says what to change. */
export function unresolvedImport(target: UnresolvedTarget): { reason: string; fix: string } {
  const { specifier, importer, config } = target;
  const root = importer.file.slice(0, importer.file.length - importer.path.length);
  const tsconfig = config ? config.slice(root.length) || posix.basename(config) : undefined;
  const how = tsconfig ? `resolved with ${tsconfig}` : "no tsconfig.json: TypeScript's defaults";
  const fix = specifier.startsWith(".")
    ? `Point it at an existing file (under "moduleResolution": "node16" or "nodenext", an ES module writes the extension, as "./file.js").`
    : `Map it in compilerOptions.paths of ${tsconfig ?? "a tsconfig.json"}, or add the package to package.json (a workspace package by its name) and run npm install.`;
  return {
    reason: `is imported from "${specifier}" in ${importer.path}, which TypeScript resolves to no file (${how})`,
    fix,
  };
}
