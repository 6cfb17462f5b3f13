import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileIOManager } from "../../../sdk/src/io/fileIOManager";
import { NotMaterializedError } from "../../../sdk/src/io/ioManager";
import { storagePath, valuePath } from "../../../sdk/src/io/storagePath";
import { TieredIOManager } from "../../../sdk/src/io/tieredIOManager";
import { openStore } from "../../../sdk/src/store/openStore";

const dir = mkdtempSync(join(tmpdir(), "assetline-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the default IO manager", () => {
  it("maps prefixed keys to files inside the storage folder and refuses keys that would leave it", () => {
    expect(storagePath("/s", "warehouse/orders")).toBe("/s/warehouse/orders.json");
    expect(valuePath("/s", "warehouse/orders", "ab12")).toBe("/s/warehouse/orders.ab12.json");
    for (const key of ["../escape", "a/../../b", "/etc/passwd", "a//b", "a/./b", "a\\..\\b"]) {
      expect(() => storagePath("/s", key), key).toThrow(/cannot store asset/);
    }
  });

  it("writes atomically (no temp file left), never over another value, and loads what a record points to", async () => {
    const files = new FileIOManager(join(dir, "files"));
    const saved = await files.save("warehouse/orders", [{ id: 1 }]);
    expect(saved.bytes).toBe(10);
    const hash = createHash("sha256").update('[{"id":1}]').digest("hex");
    expect(saved).toEqual({ bytes: 10, dataVersion: hash.slice(0, 16), ref: `file:${hash}` });
    const next = await files.save("warehouse/orders", [{ id: 2 }]);
    expect(await files.load("warehouse/orders", saved.ref)).toEqual([{ id: 1 }]);
    expect(await files.load("warehouse/orders", next.ref)).toEqual([{ id: 2 }]);
    expect(readdirSync(join(dir, "files", "warehouse")).sort()).toEqual(
      [`orders.${hash}.json`, `orders.${next.ref!.slice(5)}.json`].sort(),
    );
    await expect(files.load("nothing", saved.ref)).rejects.toBeInstanceOf(NotMaterializedError);
    await expect(files.load("nothing")).rejects.toBeInstanceOf(NotMaterializedError);
    await expect(files.save("../escape", 1)).rejects.toThrow(`asset key "../escape" contains ".."`);
    expect(existsSync(join(dir, "escape.json"))).toBe(false);
  });

  it("keeps small values in the store and large ones in files, with equal data versions for equal values", async () => {
    const store = await openStore(join(dir, "store"));
    const tiered = new TieredIOManager(store, new FileIOManager(join(dir, "store", "storage")), 64);
    const small = await tiered.save("small", { a: 1 });
    const big = await tiered.save("big", "x".repeat(100));
    expect(small.ref).toMatch(/^table:/);
    expect(readdirSync(join(dir, "store", "storage"))).toEqual([`big.${big.ref!.slice(5)}.json`]);
    expect(await tiered.load("small", small.ref)).toEqual({ a: 1 });
    expect(await tiered.load("big", big.ref)).toBe("x".repeat(100));
    expect((await tiered.save("again", { a: 1 })).dataVersion).toBe(small.dataVersion);
    expect(big.dataVersion).not.toBe(small.dataVersion);
    await expect(tiered.save("bad", { when: new Date(0), format: () => "" })).rejects.toThrow(
      /asset "bad" returned a value that cannot be stored as JSON \(the property "format" is a function\)/,
    );
    await store.close();
  });

  it("gives a downstream what its upstream returned: Dates, Maps, Sets, bigints and non-finite numbers survive storage", async () => {
    const files = new FileIOManager(join(dir, "faithful"));
    const value = {
      at: new Date("2026-11-25T12:00:00.000Z"),
      bySegment: new Map([
        ["retail", 3],
        ["b2b", 1],
      ]),
      tags: new Set(["pii", "gold"]),
      total: 12345678901234567890n,
      ratio: Number.POSITIVE_INFINITY,
      rows: [{ id: 1, seen: new Date(0) }],
    };
    const saved = await files.save("faithful", value);
    expect(await files.load("faithful", saved.ref)).toEqual(value);
    // Plain data is stored as JSON.stringify writes it, so data versions of existing values stay what they were.
    const plain = await files.save("plain", [{ id: 1, name: "a" }]);
    expect(plain.bytes).toBe(Buffer.byteLength(JSON.stringify([{ id: 1, name: "a" }])));
    await expect(files.save("broken", new Date(Number.NaN))).rejects.toThrow(/the value is an invalid Date/);
  });
});
