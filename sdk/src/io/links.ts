import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";

/** A symbolic link where Assetline keeps its store: followed, it would read or write outside the store. */
export class LinkRefused extends Error {}

export function linkRefused(path: string): LinkRefused {
  return new LinkRefused(
    `${path} is a symbolic link: Assetline never reads or writes stored values through a link (it could lead outside the store); remove it and materialize again, or, to keep the store elsewhere, choose its folder with --store or the assetline.storeFolder setting.`,
  );
}

/** Undefined when nothing is at `path`; never follows a link there. */
export function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Reads a file, refusing a symbolic link (O_NOFOLLOW where the platform has it, an lstat first everywhere); undefined
 * when there is no file.
 */
export function readWithoutFollowing(path: string): Buffer | undefined {
  if (lstatOrUndefined(path)?.isSymbolicLink()) throw linkRefused(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw linkRefused(path);
    throw error;
  }
  try {
    const bytes = Buffer.allocUnsafe(fstatSync(fd).size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
