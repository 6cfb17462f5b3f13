/**
 * A store location is a folder (SQLite) or a postgres:// URL (its schema from ?schema=), and whatever a user writes,
 * the password never shows in a message.
 */
import { describe, expect, it } from "vitest";
import { hideSecrets, redactUrl } from "../../../../sdk/src/protocol";
import { parseStoreLocation } from "../../../../sdk/src/store/postgres/storeUrl";

describe("store locations", () => {
  it.each([
    [".assetline", { kind: "sqlite", folder: ".assetline" }],
    ["/srv/team/.assetline", { kind: "sqlite", folder: "/srv/team/.assetline" }],
    ["C:\\work\\.assetline", { kind: "sqlite", folder: "C:\\work\\.assetline" }],
    ["postgres:/not-a-url", { kind: "sqlite", folder: "postgres:/not-a-url" }],
    [
      "postgres://ana:s3cret@db.example.com:5432/team",
      {
        kind: "postgres",
        connectionString: "postgres://ana:s3cret@db.example.com:5432/team",
        schema: "assetline",
        redacted: "postgres://ana:***@db.example.com:5432/team",
      },
    ],
    [
      "POSTGRESQL://ana@127.0.0.1/test?schema=team_a&sslmode=require",
      {
        kind: "postgres",
        connectionString: "postgresql://ana@127.0.0.1/test?sslmode=require",
        schema: "team_a",
        redacted: "POSTGRESQL://ana@127.0.0.1/test?schema=team_a&sslmode=require",
      },
    ],
    [
      "postgres://ana@127.0.0.1/test?password=s3cret&schema=_x9",
      {
        kind: "postgres",
        connectionString: "postgres://ana@127.0.0.1/test?password=s3cret",
        schema: "_x9",
        redacted: "postgres://ana@127.0.0.1/test?password=***&schema=_x9",
      },
    ],
  ])("%s", (location, expected) => {
    expect(parseStoreLocation(location)).toEqual(expected);
  });

  it.each([
    ["mysql://ana:s3cret@host/db", "mysql://ana:***@host/db is not supported: give a folder (SQLite) or a postgres://"],
    ["postgres://ana:s3cret@host:99999/db", "postgres://ana:***@host:99999/db is not a valid URL"],
    ["postgres://ana:s3cret@host/db?schema=a&schema=b", "names more than one schema"],
    ["postgres://host/db?schema=", 'names the schema "", which is not a plain PostgreSQL name'],
    ["postgres://host/db?schema=Team", 'the schema "Team"'],
    ["postgres://host/db?schema=pg_catalog", 'the schema "pg_catalog"'],
    ["postgres://host/db?schema=1st", 'the schema "1st"'],
    ['postgres://host/db?schema=a";DROP%20TABLE%20runs;--', 'the schema "a\\";DROP TABLE runs;--"'],
    [`postgres://host/db?schema=${"a".repeat(64)}`, "at most 63"],
  ])("refuses %s", (location, message) => {
    expect(() => parseStoreLocation(location)).toThrow(message);
    expect(() => parseStoreLocation(location)).not.toThrow("s3cret");
  });
});

describe("redactUrl", () => {
  it.each([
    ["postgres://ana:s3cret@host/db", "postgres://ana:***@host/db"],
    ["postgres://ana@host/db", "postgres://ana@host/db"],
    ["postgres://host:5432/db", "postgres://host:5432/db"],
    ["postgres://:s3cret@host/db", "postgres://:***@host/db"],
    ["postgres://ana:@host/db", "postgres://ana:***@host/db"],
    ["postgres://ana:s3%40cr%2Fet@host/db", "postgres://ana:***@host/db"],
    // Unencoded special characters: everything up to the last @ is hidden.
    ["postgres://ana:s3@cr/et?x#y@host/db", "postgres://ana:***@host/db"],
    ["postgres://ana:s3cret\n@host/db", "postgres://ana:***@host/db"],
    ["postgres://ana@host/db?sslmode=require&password=s3cret", "postgres://ana@host/db?sslmode=require&password=***"],
    [
      "postgres://ana@host/db?PASSWORD=s3cret&sslpassword=s3cret#x",
      "postgres://ana@host/db?PASSWORD=***&sslpassword=***#x",
    ],
    ["postgres://ana:s3cret@host/db?password=s3cret", "postgres://ana:***@host/db?password=***"],
  ])("%j → %s", (location, redacted) => {
    expect(redactUrl(location)).toBe(redacted);
  });
});

describe("hideSecrets", () => {
  it.each([
    ["postgres://ana:s3cret@host/db", "auth failed for s3cret"],
    ["postgres://ana:s3%40cret@host/db", "auth failed for s3@cret and s3%40cret"],
    ["postgres://ana@host/db?password=s3cret", "auth failed for s3cret"],
  ])("takes %s's password out of a driver's message", (location, message) => {
    expect(hideSecrets(message, location)).not.toMatch(/s3/);
  });
});
