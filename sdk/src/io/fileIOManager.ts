import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { linkRefused, lstatOrUndefined, readWithoutFollowing } from "./links";
import { contentHash, dataVersionOf, deserializeValue, serializeValue } from "./serialize";
import { storagePath, valuePath } from "./storagePath";
import { formatValueRef, parseValueRef } from "./valueRef";

/**
 * Values as files under `root`, one per stored value, named by key and content hash
 * (`warehouse/orders` -> `root/warehouse/orders.<sha256>.json`) and never overwritten by a different value.
 * No symbolic link is followed: not the storage folder, not a key's folder, not a value file.
 */
export class FileIOManager implements IOManager {
  /** Folders already checked to be real folders (no link) in this process. */
  private readonly checked = new Set<string>();

  constructor(readonly root: string) {}

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    const hash = contentHash(bytes);
    this.writeValue(key, hash, bytes);
    return {
      bytes: bytes.length,
      dataVersion: dataVersionOf(bytes, hash),
      ref: formatValueRef({ where: "file", hash }),
    };
  }

  /**
   * Temp file + rename: a reader (or a crash) never sees half a value. The same hash means the same bytes, so
   * replacing an existing file is harmless; rename replaces a link there instead of writing through it.
   */
  writeValue(key: string, hash: string, bytes: Buffer): void {
    const path = valuePath(this.root, key, hash);
    this.realFolder(dirname(path), true);
    // A fresh name, created exclusively: never a file (or link) someone left there.
    const temp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
    writeFileSync(temp, bytes, { flag: "wx" });
    renameSync(temp, path);
  }

  /** The bytes stored under `hash`, verified; undefined when the file is gone. */
  readValue(key: string, hash: string): Buffer | undefined {
    const path = valuePath(this.root, key, hash);
    if (!this.realFolder(dirname(path), false)) return undefined;
    const bytes = readWithoutFollowing(path);
    if (bytes !== undefined && contentHash(bytes) !== hash) {
      throw new Error(
        `${path} does not hold the value its materialization recorded (it was changed outside Assetline): materialize ${key} again.`,
      );
    }
    return bytes;
  }

  /** A key's value in the layout of stores before schema 3 (`root/<key>.json`, rewritten in place). */
  readLegacy(key: string): Buffer | undefined {
    const path = storagePath(this.root, key);
    return this.realFolder(dirname(path), false) ? readWithoutFollowing(path) : undefined;
  }

  async load(key: string, ref?: string): Promise<unknown> {
    const parsed = ref === undefined ? undefined : parseValueRef(ref);
    if (ref !== undefined && parsed?.where !== "file") {
      throw new Error(`asset "${key}": its record points to ${ref}, which a file IO manager does not hold.`);
    }
    const bytes = parsed ? this.readValue(key, parsed.hash) : this.readLegacy(key);
    if (bytes === undefined) throw new NotMaterializedError(key, parsed && valuePath(this.root, key, parsed.hash));
    return deserializeValue(bytes);
  }

  /**
   * Checks every folder from the storage folder down to `dir` is a real folder, never a link; with `create`, makes
   * missing ones one by one (a recursive mkdir would follow a link on the way). False when one is missing. Parquet
   * values (`warehouse/`) are written in these folders too.
   */
  realFolder(dir: string, create: boolean): boolean {
    if (this.checked.has(dir)) return true;
    const root = resolve(this.root);
    const parts = relative(root, dir).split(sep).filter(Boolean);
    let path = root;
    for (let i = 0; i <= parts.length; i++) {
      if (i > 0) path = `${path}${sep}${parts[i - 1]}`;
      if (this.checked.has(path)) continue;
      const stat = lstatOrUndefined(path);
      if (stat?.isSymbolicLink()) throw linkRefused(path);
      if (stat === undefined) {
        if (!create) return false;
        mkdirSync(path, { recursive: i === 0 });
      } else if (!stat.isDirectory()) {
        throw new Error(`${path} is not a folder: Assetline keeps stored values in folders there; move it aside.`);
      }
      this.checked.add(path);
    }
    return true;
  }
}
