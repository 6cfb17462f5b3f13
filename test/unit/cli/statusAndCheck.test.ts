/** Issues 16 and 17: `status` says the graph has errors (exit 1 with --check); `check` reports success on a terminal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { ORDERS_FILES, runIn } from "./harness";

let clean: string;
let broken: string;
beforeAll(() => {
  clean = fixtureWorkspace(ORDERS_FILES);
  broken = fixtureWorkspace({
    "src/assets.ts": `import { asset } from "assetline";
export const orders = asset(() => [1]);
export const revenue = asset({ ins: { orders: "ordres" } }, ({ orders }) => orders);
`,
  });
});
afterAll(() => {
  removeWorkspace(clean);
  removeWorkspace(broken);
});

describe("status on a workspace whose definitions have errors", () => {
  it("prints the table and says the graph has errors; exits 1 only with --check", async () => {
    const plain = await runIn(broken, ["status"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("orders");
    expect(plain.stderr).toBe(
      "assetline status: the definitions have 1 error, so this graph may miss assets or edges and runs will refuse to start; `assetline check` lists it.\n",
    );
    const checked = await runIn(broken, ["status", "--check"]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain("the definitions have 1 error");
  });

  it("keeps --json output as it was (the editor reads it) unless --check is given", async () => {
    const json = await runIn(broken, ["status", "--json"]);
    expect(json.code).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(["protocolVersion", "assets"]);
    expect(json.stderr).toBe("");
    expect((await runIn(broken, ["status", "--json", "--check"])).code).toBe(1);
    expect((await runIn(clean, ["status", "--check"])).code).toBe(0);
  });
});

describe("check on success", () => {
  it("prints one summary line on a terminal", async () => {
    expect(await runIn(clean, ["check"], { interactive: true })).toEqual({
      code: 0,
      stdout: "No problems: 2 assets in 1 file.\n",
      stderr: "",
    });
  });

  it("stays silent when piped, with --quiet, and prints only JSON with --json", async () => {
    expect((await runIn(clean, ["check"])).stdout).toBe("");
    expect((await runIn(clean, ["check", "--quiet"], { interactive: true })).stdout).toBe("");
    const json = await runIn(clean, ["check", "--json"], { interactive: true });
    expect(json.stdout).toBe('{"protocolVersion":1,"diagnostics":[]}\n');
    const failing = await runIn(broken, ["check", "--json"]);
    expect(failing.code).toBe(1);
    expect((JSON.parse(failing.stdout) as { diagnostics: { code: string }[] }).diagnostics[0]?.code).toBe("AL1001");
  });
});
