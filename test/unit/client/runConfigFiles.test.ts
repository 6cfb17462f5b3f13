/** The run config file Materialize with Config… writes, and what Run with This Config reads back from it. */
import { describe, expect, it } from "vitest";
import {
  configuredKeys,
  runConfigFileNames,
  runConfigSchema,
  runConfigText,
} from "../../../client/src/runConfig/runConfigFiles";

describe("run config files", () => {
  it("names the files by the key, encoded where a file name cannot hold it", () => {
    expect(runConfigFileNames("daily_report")).toEqual({
      config: "daily_report.run-config.json",
      schema: "daily_report.run-config.schema.json",
    });
    expect(runConfigFileNames("sales/daily").config).toBe("sales%2Fdaily.run-config.json");
  });

  it("prefills the defaults under the key, with the $schema VS Code completes from", () => {
    const text = runConfigText("daily_report", { days: 7 }, "file:///s/daily_report.run-config.schema.json");
    expect(JSON.parse(text)).toEqual({
      $schema: "file:///s/daily_report.run-config.schema.json",
      daily_report: { days: 7 },
    });
    expect(configuredKeys(text)).toEqual(["daily_report"]);
    expect(JSON.parse(runConfigText("daily_report", {}, undefined))).toEqual({ daily_report: {} });
  });

  it("puts the asset's schema under its key, allows $schema and nothing else", () => {
    const config = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: {} };
    expect(runConfigSchema("daily_report", config)).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { $schema: { type: "string" }, daily_report: { type: "object", properties: {} } },
      additionalProperties: false,
    });
  });

  it.each([
    ["JSON that does not parse", "{ days", /this run config is not valid JSON/],
    ["a list", "[1]", /a run config is an object of asset keys/],
  ])("refuses to run %s", (_, text, message) => {
    expect(() => configuredKeys(text)).toThrow(message);
  });
});
