/** `EnvVar` in resource config: read at run time, its value redacted from everything the run emits. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Definitions, EnvVar, asset, defineResource, materialize } from "assetline";
import { workspaceEnv } from "../../../sdk/src/resources/dotEnv";
import { Redactor } from "../../../sdk/src/resources/redact";

const SECRET = 's3cr3t-"token"-42';

/** A client whose config holds the token; `orders` uses it, logs it, records it and may throw with it. */
function definitions(fail = false) {
  const api = defineResource({
    config: { token: EnvVar("API_TOKEN"), retries: 2 },
    setup: (config) => ({ token: config.token, retries: config.retries }),
  });
  const orders = asset({ key: "orders", resources: { api } }, (ctx) => {
    const { token } = ctx.resources.api;
    ctx.log.info(`calling with ${token}`);
    ctx.addOutputMetadata({ auth: `Bearer ${token}` });
    if (fail) throw new Error(`401 for ${token}`);
    return token.length;
  });
  return new Definitions({ assets: [orders], resources: { api } });
}

afterEach(() => vi.unstubAllEnvs());

describe("EnvVar in a resource's config", () => {
  it("resolves from the environment when the resource is set up, and redacts it from logs and metadata", async () => {
    vi.stubEnv("API_TOKEN", SECRET);
    const outcome = await materialize(definitions());
    expect(outcome.values.orders).toBe(SECRET.length);
    expect(outcome.logs.orders).toEqual([{ level: "info", message: "calling with ***" }]);
    expect(outcome.metadata.orders!.auth).toEqual({ type: "text", value: "Bearer ***" });
    expect(JSON.stringify(outcome.events)).not.toContain("s3cr3t");
  });

  it("redacts it from a step's error", async () => {
    vi.stubEnv("API_TOKEN", SECRET);
    const outcome = await materialize(definitions(true));
    expect(outcome.errors.orders!.message).toBe("401 for ***");
    expect(JSON.stringify(outcome.events)).not.toContain("s3cr3t");
  });

  it("fails the step that needs it with the variable's name and where it was asked for", async () => {
    vi.stubEnv("API_TOKEN", undefined);
    const outcome = await materialize(definitions());
    expect(outcome.errors.orders!.message).toBe(
      `resource api failed to set up: environment variable API_TOKEN is not set (EnvVar("API_TOKEN") in resource api's config): set it, or add API_TOKEN=… to the workspace's .env file (requested by asset "orders")`,
    );
  });

  it.each(["", "1NAME", "A-B", 3])("rejects the name %j", (name) => {
    expect(() => EnvVar(name as string)).toThrow("give an environment variable name");
  });
});

describe("the run's environment", () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));
  const workspace = (dotEnv?: string) => {
    const root = mkdtempSync(join(tmpdir(), "assetline-env-"));
    roots.push(root);
    if (dotEnv !== undefined) writeFileSync(join(root, ".env"), dotEnv);
    return root;
  };

  it.each([
    { name: "the .env file", dotEnv: 'TOKEN=from-file\n# comment\nQUOTED="a b"\n', env: {}, token: "from-file" },
    { name: "the environment over .env", dotEnv: "TOKEN=from-file\n", env: { TOKEN: "from-env" }, token: "from-env" },
    { name: "no .env file", dotEnv: undefined, env: {}, token: undefined },
  ])("reads $name", ({ dotEnv, env, token }) => {
    const lookup = workspaceEnv(workspace(dotEnv), env);
    expect(lookup("TOKEN")).toBe(token);
    if (dotEnv?.includes("QUOTED")) expect(lookup("QUOTED")).toBe("a b");
  });
});

describe("Redactor", () => {
  it.each([
    { secrets: ["abc"], value: { a: "xabcx", b: ["abc"], n: 1 }, expected: { a: "x***x", b: ["***"], n: 1 } },
    { secrets: ["ab", "abcd"], value: "abcd ab", expected: "*** ***" },
    { secrets: ["x"], value: "x marks", expected: "x marks" },
    { secrets: ['q"t\\'], value: { m: 'say q"t\\ now' }, expected: { m: "say *** now" } },
  ])("hides $secrets in $value", ({ secrets, value, expected }) => {
    const redactor = new Redactor();
    for (const secret of secrets) redactor.add(secret);
    expect(redactor.redact(value)).toEqual(expected);
  });
});
