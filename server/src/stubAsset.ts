/** The edits that add a stub asset for a missing key at the end of a file, importing `asset` when needed. */
import type { TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

/** A key that can be written as a binding name as it is. */
export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const ASSETLINE_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']assetline["']/;

export function stubAssetEdits(document: TextDocument, key: string): TextEdit[] {
  // The key comes from the export's name when it can; a prefixed key (`warehouse/orders`) needs an explicit `key`.
  const name = IDENTIFIER.test(key) ? key : key.replace(/[^\w$]/g, "_").replace(/^(\d)/, "_$1");
  const options = name === key ? "{}" : `{ key: ${JSON.stringify(key)} }`;
  const text = document.getText();
  const end = document.positionAt(text.length);
  const separator = text.endsWith("\n") ? "\n" : "\n\n";
  const stub =
    `${separator}/** TODO: describe ${key}. */\n` +
    `export const ${name} = asset(${options}, () => {\n` +
    `  throw new Error(${JSON.stringify(`${key} is a stub: write the code that produces it.`)});\n` +
    `});\n`;
  return [...importEdits(document, text), { range: { start: end, end }, newText: stub }];
}

function importEdits(document: TextDocument, text: string): TextEdit[] {
  const existing = ASSETLINE_IMPORT.exec(text);
  if (!existing) {
    const start = { line: 0, character: 0 };
    return [{ range: { start, end: start }, newText: 'import { asset } from "assetline";\n' }];
  }
  // The stub calls `asset`, so what counts is the local name: `asset as defineAsset` does not bind it.
  const localNames = existing[1]!.split(",").map((part) =>
    part
      .trim()
      .split(/\s+as\s+/)
      .at(-1),
  );
  if (localNames.includes("asset")) return [];
  const at = document.positionAt(existing.index + existing[0].indexOf("{") + 1);
  return [{ range: { start: at, end: at }, newText: " asset," }];
}
