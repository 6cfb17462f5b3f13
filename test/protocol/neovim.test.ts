import { execFile, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./client";
import { copyWorkspace, positionOf, type TempWorkspace } from "./workspace";

function hasNeovim(): boolean {
  try {
    execFileSync("nvim", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// Outside VS Code the server must work as any LSP server does; Neovim is the one other client installed (apt: neovim).
describe.skipIf(!hasNeovim())("the server in Neovim", () => {
  let workspace: TempWorkspace;

  beforeAll(() => {
    workspace = copyWorkspace("test/protocol/fixtures/crossFile");
    const b = workspace.file("src/b.ts");
    writeFileSync(b, readFileSync(b, "utf8").replace('"customers"', '"customerz"'));
  });
  afterAll(() => workspace.remove());

  it("publishes diagnostics and answers hover for `node dist/server.js --stdio`", async () => {
    const b = workspace.file("src/b.ts");
    const hoverAt = positionOf(readFileSync(b, "utf8"), "export const customer_count", "export const ".length + 3);
    const script = fileURLToPath(new URL("./neovim.lua", import.meta.url));
    const { stdout } = await promisify(execFile)("nvim", ["--headless", "-u", "NONE", "-c", `luafile ${script}`], {
      env: {
        ...process.env,
        ASSETLINE_ROOT: workspace.root,
        ASSETLINE_SERVER: join(repoRoot, "dist", "server.js"),
        ASSETLINE_FILE: b,
        HOVER_LINE: String(hoverAt.line),
        HOVER_CHARACTER: String(hoverAt.character),
      },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
      diagnostics: { message: string; line: number }[];
      hover: string | null;
    };
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain("customerz");
    expect(result.hover).toContain("**customer_count** · asset · group `crm`");
    // Neovim cannot run VS Code commands: no command links unless a client asks for them.
    expect(result.hover).not.toContain("command:");
  });
});
