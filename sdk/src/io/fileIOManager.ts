import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { dataVersionOf, deserializeValue, serializeValue } from "./serialize";
import { storagePath } from "./storagePath";

let tempCounter = 0;

/** One JSON file per asset under `root` (`warehouse/orders` -> `root/warehouse/orders.json`), written atomically. */
export class FileIOManager implements IOManager {
  private readonly madeDirs = new Set<string>();

  constructor(readonly root: string) {}

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    this.writeBytes(key, bytes);
    return { bytes: bytes.length, dataVersion: dataVersionOf(bytes) };
  }

  /** Temp file + rename: a reader (or a crash) never sees half a value. */
  writeBytes(key: string, bytes: Buffer): void {
    const path = storagePath(this.root, key);
    const dir = dirname(path);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = `${path}.${process.pid}.${tempCounter++}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  }

  async load(key: string): Promise<unknown> {
    const bytes = this.readBytes(key);
    if (bytes === undefined) throw new NotMaterializedError(key);
    return deserializeValue(bytes);
  }

  readBytes(key: string): Buffer | undefined {
    try {
      return readFileSync(storagePath(this.root, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    this.deleteFile(key);
  }

  deleteFile(key: string): void {
    rmSync(storagePath(this.root, key), { force: true });
  }
}
