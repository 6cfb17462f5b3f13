/** `--config FILE`: an editor's config file names its JSON Schema in `"$schema"`, which is no asset's config. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRunConfig } from "../../../sdk/src/config/readRunConfig";

const folder = mkdtempSync(join(tmpdir(), "assetline-run-config-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("readRunConfig", () => {
  it.each([
    ["a JSON file", "editor.json", '{ "$schema": "file:///s.json", "daily_report": { "days": 3 } }'],
    ["a YAML file", "editor.yaml", '$schema: "file:///s.json"\ndaily_report:\n  days: 3\n'],
  ])("ignores a top-level $schema in %s", (_, name, text) => {
    writeFileSync(join(folder, name), text);
    expect(readRunConfig(name, undefined, folder)).toEqual({ daily_report: { days: 3 } });
  });

  it("ignores it in --config-json too, and keeps a $schema inside an asset's config", () => {
    const json = '{ "$schema": "x", "daily_report": { "$schema": "kept" } }';
    expect(readRunConfig(undefined, json, folder)).toEqual({ daily_report: { $schema: "kept" } });
  });
});
