import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { stubAssetEdits } from "../../../server/src/stubAsset";

/** The file after the quick fix's edits. */
function applyStub(text: string, key: string): string {
  const document = TextDocument.create("file:///ws/src/a.ts", "typescript", 1, text);
  return TextDocument.applyEdits(document, stubAssetEdits(document, key));
}

describe("the stub asset quick fix", () => {
  it("adds `asset` to an assetline import that lacks it", () => {
    const fixed = applyStub('import { multiAsset } from "assetline";\n', "orders");
    expect(fixed).toContain('import { asset, multiAsset } from "assetline";');
    expect(fixed).toContain("export const orders = asset({}, () => {");
  });

  it("imports `asset` itself when the file binds it only under another name", () => {
    const fixed = applyStub('import { asset as defineAsset } from "assetline";\n', "orders");
    expect(fixed).toContain('import { asset, asset as defineAsset } from "assetline";');
  });

  it("adds nothing when `asset` is already imported", () => {
    const fixed = applyStub('import { asset } from "assetline";\n', "warehouse/orders");
    expect(fixed.startsWith('import { asset } from "assetline";\n')).toBe(true);
    expect(fixed).toContain('export const warehouse_orders = asset({ key: "warehouse/orders" }, () => {');
  });
});
