import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { FileChangeType } from "vscode-languageserver-protocol/node";
import type { TestClient } from "./client";
import { copyWorkspace, serverOn } from "./workspace";

describe("diagnostics across files", () => {
  const session = serverOn("test/protocol/fixtures/crossFile", { trusted: false });
  let client: TestClient;
  let a: string;
  let b: string;
  let aText: string;

  beforeAll(() => {
    client = session.client;
    a = session.workspace.file("src/a.ts");
    b = session.workspace.file("src/b.ts");
    aText = readFileSync(a, "utf8");
  });

  it("puts the missing upstream into b.ts when a.ts renames the asset, and clears it when a.ts is fixed", async () => {
    await client.open(a);
    await client.change(a, aText.replace("export const customers", "export const customer"));
    const [missing] = await client.until(
      "AL1001 in b.ts",
      () => client.diagnosticsOf(b).length > 0 && client.diagnosticsOf(b),
    );
    expect(missing).toMatchObject({ code: "AL1001", source: "assetline", severity: 1 });
    expect(missing!.message).toContain("customers");
    expect(readFileSync(b, "utf8").split("\n")[missing!.range.start.line]).toContain('"customers"');

    const actions = await client.codeActions(b, [missing!]);
    const replace = actions.find((action) => action.title === "Change to customer");
    expect(replace?.edit?.changes).toBeDefined();
    const [edit] = Object.values(replace!.edit!.changes!)[0]!;
    expect(edit!.newText).toBe("customer");
    const line = readFileSync(b, "utf8").split("\n")[edit!.range.start.line]!;
    expect(line.slice(edit!.range.start.character, edit!.range.end.character)).toBe("customers");

    await client.change(a, aText);
    await client.until("b.ts to be clean again", () => client.diagnosticsOf(b).length === 0);
  });

  it("offers a stub asset for the missing key, imported and appended at the end of the file", async () => {
    await client.change(a, aText.replace("export const customers", "export const clients"));
    const [missing] = await client.until(
      "AL1001 in b.ts",
      () => client.diagnosticsOf(b).length > 0 && client.diagnosticsOf(b),
    );
    const stub = (await client.codeActions(b, [missing!])).find((action) =>
      action.title.startsWith("Create asset customers"),
    );
    const edits = Object.values(stub!.edit!.changes!)[0]!;
    const bText = readFileSync(b, "utf8");
    expect(edits).toHaveLength(1);
    expect(edits[0]!.range.start.line).toBe(bText.split("\n").length - 1);
    expect(edits[0]!.newText).toContain("export const customers = asset({}, () => {");
    await client.change(a, aText);
    await client.until("b.ts to be clean again", () => client.diagnosticsOf(b).length === 0);
  });

  it("tells the lineage view once when a burst of edits changes the graph", async () => {
    const before = client.graphChanges;
    for (const name of ["e", "ex", "ext"])
      await client.change(a, `${aText}\nexport const ${name} = asset({ group: "crm" }, () => 1);\n`);
    await client.until("a graphChanged notification", () => client.graphChanges > before);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(client.graphChanges).toBe(before + 1);
    await client.change(a, aText);
  });

  it("follows files changed on disk through the watcher", async () => {
    writeFileSync(b, readFileSync(b, "utf8").replace('"customers"', '"customers_v2"'));
    await client.changedOnDisk(b);
    const [missing] = await client.until(
      "AL1001 for the disk edit",
      () => client.diagnosticsOf(b).length > 0 && client.diagnosticsOf(b),
    );
    expect(missing!.message).toContain("customers_v2");
    writeFileSync(b, readFileSync(b, "utf8").replace('"customers_v2"', '"customers"'));
    await client.changedOnDisk(b, FileChangeType.Changed);
    await client.until("b.ts to be clean after the disk fix", () => client.diagnosticsOf(b).length === 0);
  });

  it("analyzes a workspace folder added later, and clears its problems when it is removed", async () => {
    const second = copyWorkspace("test/protocol/fixtures/crossFile");
    try {
      const secondB = second.file("src/b.ts");
      writeFileSync(secondB, readFileSync(secondB, "utf8").replace('"customers"', '"customerz"'));
      await client.changeFolders([second.root], []);
      await client.until("AL1001 in the added folder", () => client.diagnosticsOf(secondB).length > 0);
      expect(client.diagnosticsOf(b)).toEqual([]);
      await client.changeFolders([], [second.root]);
      await client.until("the removed folder's problems to clear", () => client.diagnosticsOf(secondB).length === 0);
    } finally {
      second.remove();
    }
  });

  it("keeps the editor's text of a document that was open before its folder was added", async () => {
    const second = copyWorkspace("test/protocol/fixtures/crossFile");
    try {
      const secondB = second.file("src/b.ts");
      await client.open(secondB, readFileSync(secondB, "utf8").replace('"customers"', '"customerz"'));
      await client.changeFolders([second.root], []);
      await client.until("AL1001 from the unsaved text", () => client.diagnosticsOf(secondB).length > 0);
      // The disk still holds the clean text; a watcher event must not replace the editor's.
      await client.changedOnDisk(secondB);
      // Requests are answered in order, so any diagnostics the event caused have arrived by now.
      await client.documentSymbols(secondB);
      expect(client.diagnosticsOf(secondB)).toHaveLength(1);
      await client.changeFolders([], [second.root]);
    } finally {
      second.remove();
    }
  });

  it("leaves a syntax error to the editor's TypeScript, and still reports what it can read", async () => {
    const text = readFileSync(b, "utf8");
    await client.open(b);
    await client.change(
      b,
      `${text.replace('ins: { people: "customers" }', 'ins: { people: "customerz" }')}\nconst half = (;\n`,
    );
    const reported = await client.until(
      "AL1001 for customerz",
      () => client.diagnosticsOf(b).some((d) => String(d.message).includes("customerz")) && client.diagnosticsOf(b),
    );
    expect(reported.map((d) => d.code)).toEqual(["AL1001"]);
    await client.change(b, text);
    await client.until("b.ts clean again", () => client.diagnosticsOf(b).length === 0);
  });

  it("answers empty and logs when a feature fails, and keeps serving", async () => {
    const gone = session.workspace.file("src/gone.ts");
    const diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: "x",
      source: "assetline",
      code: "AL1001",
      data: { missingKey: "x" },
    };
    expect(await client.codeActions(gone, [diagnostic])).toEqual([]);
    expect(
      client.logs.some((line) => line.startsWith("Assetline quick fixes failed") && line.includes("gone.ts")),
    ).toBe(true);
    expect(await client.documentSymbols(a)).toHaveLength(1);
  });
});
