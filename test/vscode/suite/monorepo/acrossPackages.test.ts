import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineErrors, leaveClean, openFile, positionOf, renameKey, waitFor, waitForLens } from "../editor";

type Definition = vscode.Location | vscode.LocationLink;

const uriOf = (definition: Definition) => ("targetUri" in definition ? definition.targetUri : definition.uri);
const relative = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri, false);

/** marts reads raw's assets by package name (`@monorepo/raw`) and through the `@raw/*` tsconfig path alias. */
describe("Across the packages of a monorepo", () => {
  it("shows lenses on marts' assets, with no error for the imports from raw", async () => {
    const { document } = await openFile("packages/marts/src/orderFacts.ts");
    const line = positionOf(document, "export const order_facts").line;
    await waitForLens(document.uri, line, /▶ Materialize/);
    assert.deepEqual(assetlineErrors(document.uri, "imported from"), []);
  });

  it("hovers an upstream imported by package name with the asset it names", async () => {
    const { document } = await openFile("packages/marts/src/orderFacts.ts");
    const at = positionOf(document, "ins: { raw_orders", "ins: { ".length + 2);
    const text = await waitFor("a hover on raw_orders", async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        document.uri,
        at,
      );
      const joined = (hovers ?? [])
        .flatMap((hover) => hover.contents.map((part) => (typeof part === "string" ? part : part.value)))
        .join("\n");
      return /raw_orders/.test(joined) && /order_facts/.test(joined) ? joined : undefined;
    });
    assert.match(text, /raw_orders/);
  });

  it("goes from a handle imported through the path alias to its definition in the other package", async () => {
    const { document } = await openFile("packages/marts/src/orderFacts.ts");
    const at = positionOf(document, "raw_customers, raw_payments }", "raw_customers, ".length + 2);
    const targets = await waitFor("a definition of raw_payments", async () => {
      const found =
        (await vscode.commands.executeCommand<Definition[]>("vscode.executeDefinitionProvider", document.uri, at)) ??
        [];
      const files = found.map((definition) => relative(uriOf(definition)));
      return files.includes("packages/raw/src/payments.ts") ? files : undefined;
    });
    assert.ok(targets.includes("packages/raw/src/payments.ts"));
  });

  it("finds the uses of a raw asset in the marts package", async () => {
    const { document } = await openFile("packages/raw/src/orders.ts");
    const at = positionOf(document, "export const raw_orders", "export const ".length + 2);
    const files = await waitFor("references to raw_orders in marts", async () => {
      const found =
        (await vscode.commands.executeCommand<vscode.Location[]>(
          "vscode.executeReferenceProvider",
          document.uri,
          at,
        )) ?? [];
      const names = [...new Set(found.map((location) => relative(location.uri)))].sort();
      return names.includes("packages/marts/src/orderFacts.ts") ? names : undefined;
    });
    assert.ok(files.includes("packages/marts/src/definitions.ts"), `References: ${files.join(", ")}`);
  });

  it("renames a raw key in its package and in the marts job that selects it", async () => {
    const { document } = await openFile("packages/raw/src/payments.ts");
    const jobs = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(document.uri, "../../../marts/src/revenue.ts"),
    );
    const rename = (from: string, to: string) => renameKey(document, `key: "${from}"`, from, to);
    await rename("raw/payments", "raw/settlements");
    assert.match(document.getText(), /key: "raw\/settlements"/);
    assert.match(jobs.getText(), /selection: "key:raw\/settlements\+"/);
    await rename("raw/settlements", "raw/payments");
    assert.match(jobs.getText(), /selection: "key:raw\/payments\+"/);
    await leaveClean(document);
    await leaveClean(jobs);
  });
});
