import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineErrors, leaveClean, openFile, positionOf, renameKey } from "./editor";

type Definition = vscode.Location | vscode.LocationLink;

const targetOf = (definition: Definition) =>
  "targetUri" in definition
    ? { uri: definition.targetUri, range: definition.targetRange }
    : { uri: definition.uri, range: definition.range };

describe("Navigation", () => {
  it("goes from an upstream key string to the asset that defines it", async () => {
    const { document } = await openFile("src/warehouse.ts");
    const reference = positionOf(document, `deps: ["warehouse/orders"]`, `deps: ["`.length + 3);
    const definitions =
      (await vscode.commands.executeCommand<Definition[]>(
        "vscode.executeDefinitionProvider",
        document.uri,
        reference,
      )) ?? [];
    const targets = definitions.map(targetOf);
    const specLine = positionOf(document, `export const warehouse_orders`).line;
    assert.ok(
      targets.some(
        ({ uri, range }) =>
          uri.toString() === document.uri.toString() && range.start.line <= specLine && range.end.line >= specLine,
      ),
      `Expected a definition on line ${specLine + 1} of src/warehouse.ts, got ${JSON.stringify(targets.map(({ uri, range }) => `${uri.path}:${range.start.line + 1}`))}`,
    );
  });

  it("renames an asset key at its definition and every reference", async () => {
    const { document } = await openFile("src/warehouse.ts");
    const rename = (from: string, to: string) => renameKey(document, `AssetSpec("${from}"`, from, to);

    await rename("warehouse/orders", "warehouse/orders_v2");
    assert.match(document.getText(), /AssetSpec\("warehouse\/orders_v2"/);
    assert.match(document.getText(), /deps: \["warehouse\/orders_v2"\]/);
    assert.doesNotMatch(document.getText(), /"warehouse\/orders"/);
    assert.deepEqual(assetlineErrors(document.uri, "warehouse/orders"), [], "The rename left a dangling reference.");

    await rename("warehouse/orders_v2", "warehouse/orders");
    await leaveClean(document);
  });
});
