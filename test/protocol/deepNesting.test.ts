/** A file nested too deeply to parse costs the server that file only: every other file keeps lenses and diagnostics. */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client";
import { copyWorkspace, type TempWorkspace } from "./workspace";

const deepText = (levels: number) => `export const x = ${"{a:".repeat(levels)}1${"}".repeat(levels)};\n`;

describe("a file nested too deeply to parse, in the editor", () => {
  let workspace: TempWorkspace;
  let client: TestClient;
  let deep: string;
  let b: string;

  beforeAll(async () => {
    workspace = copyWorkspace("test/protocol/fixtures/crossFile");
    deep = workspace.file("src/deep.ts");
    b = workspace.file("src/b.ts");
    // On disk before the server starts, beside a mistyped upstream the server must still report.
    writeFileSync(deep, deepText(1000));
    writeFileSync(b, readFileSync(b, "utf8").replace('people: "customers"', 'people: "customer"'));
    client = await TestClient.start({ root: workspace.root, trusted: true });
  });
  afterAll(async () => {
    await client?.stop();
    workspace?.remove();
  });

  it("publishes AL1013 on that file, and the other files' diagnostics and lenses as usual", async () => {
    const [tooDeep] = await client.until(
      "AL1013 on deep.ts",
      () => client.diagnosticsOf(deep).length > 0 && client.diagnosticsOf(deep),
    );
    expect(client.diagnosticsOf(deep)).toHaveLength(1);
    expect(tooDeep).toMatchObject({ code: "AL1013", severity: 2, source: "assetline" });
    expect(tooDeep!.message).toMatch(/^src\/deep\.ts nests too deeply to parse .* Flatten it/);
    const [missing] = await client.until(
      "AL1001 on b.ts",
      () => client.diagnosticsOf(b).length > 0 && client.diagnosticsOf(b),
    );
    expect(missing).toMatchObject({ code: "AL1001" });
    expect(missing!.message).toContain('Did you mean "customers"?');
    const a = workspace.file("src/a.ts");
    const lenses = (await client.codeLenses(a)) ?? [];
    expect(lenses.map((lens) => [lens.command?.command, lens.command?.arguments])).toContainEqual([
      "assetline.materialize",
      ["customers"],
    ]);
  });

  it("keeps serving while the file is edited, and drops the warning once the nesting is flattened", async () => {
    await client.open(deep, deepText(1000));
    await client.change(deep, deepText(1200));
    await client.until("AL1013 after the edit", () =>
      String(client.diagnosticsOf(deep)[0]?.message).includes("about 1200 levels"),
    );
    await client.change(deep, deepText(20));
    await client.until("deep.ts clean", () => client.diagnosticsOf(deep).length === 0);
    expect(client.diagnosticsOf(b).map((d) => d.code)).toEqual(["AL1001"]);
  });
});
