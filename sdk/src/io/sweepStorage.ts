import { readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { lstatOrUndefined } from "./links";
import { parquetPath, storagePath, valuePath } from "./storagePath";
import { parseValueRef } from "./valueRef";

/** A key's current value as its latest record points to it; no `valueRef`: a record from before schema 3. */
export interface LiveValue {
  key: string;
  valueRef?: string;
}

function liveFiles(root: string, live: Iterable<LiveValue>): Set<string> {
  const files = new Set<string>();
  for (const { key, valueRef } of live) {
    try {
      if (valueRef === undefined) files.add(storagePath(root, key));
      else {
        const ref = parseValueRef(valueRef);
        if (ref?.where === "file") files.add(valuePath(root, key, ref.hash));
        if (ref?.where === "parquet") files.add(parquetPath(root, key, ref.hash));
      }
    } catch {
      // A key no file can have (recorded by a store that allowed it) keeps no file alive.
    }
  }
  return files;
}

/**
 * Deletes every file under the storage folder that is not a live value: values older materializations left, values a
 * crashed or out-raced run wrote but never recorded, temp files. A link is removed itself, never followed; emptied
 * folders go too. The caller makes sure no run can still record a value (see the store's collectGarbage).
 * Returns how many files were deleted.
 */
export function sweepStorage(root: string, live: Iterable<LiveValue>): number {
  const base = resolve(root);
  // A linked storage folder is refused where it is opened; a sweep never walks through it.
  if (!lstatOrUndefined(base)?.isDirectory()) return 0;
  const keep = liveFiles(base, live);
  let deleted = 0;
  const sweep = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        sweep(path);
        if (readdirSync(path).length === 0) rmdirSync(path);
      } else if (!keep.has(path)) {
        unlinkSync(path);
        deleted++;
      }
    }
  };
  sweep(base);
  return deleted;
}
