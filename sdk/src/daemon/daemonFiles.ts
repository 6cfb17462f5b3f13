/**
 * Where a workspace's daemon is found: its socket and its info file, both inside the store folder (so one daemon per
 * store), neither ever followed through a symbolic link.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { DaemonInfoSchema, type DaemonInfo } from "../protocol/daemon";
import { LinkRefused, readWithoutFollowing } from "../io/links";

export function daemonSocket(storeDir: string): string {
  return join(storeDir, "daemon.sock");
}

export function daemonInfoFile(storeDir: string): string {
  return join(storeDir, "daemon.json");
}

/** The info a daemon wrote, or undefined when there is none or it does not read as one. */
export function readDaemonInfo(storeDir: string): DaemonInfo | undefined {
  let text: Buffer | undefined;
  try {
    text = readWithoutFollowing(daemonInfoFile(storeDir));
  } catch (error) {
    if (error instanceof LinkRefused) return undefined;
    throw error;
  }
  if (text === undefined) return undefined;
  try {
    const parsed = v.safeParse(DaemonInfoSchema, JSON.parse(text.toString("utf8")));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (a reader never sees half a file), readable by the owner only, as the socket. */
export function writeDaemonInfo(storeDir: string, info: DaemonInfo): void {
  const file = daemonInfoFile(storeDir);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(info)}\n`, { mode: 0o600, flag: "wx" });
  renameSync(partial, file);
}

/** Whether a process with this id lives (EPERM: it does, as another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function daemonLockFile(storeDir: string): string {
  return join(storeDir, "daemon.lock");
}

/**
 * Claims the store for this process: whoever creates `daemon.lock` first (exclusively) is its daemon, so two started
 * at the same instant cannot both serve. A lock whose process is gone (a daemon killed with -9) is taken over.
 * Resolves with the live holder's pid when another process has it.
 */
export function claimDaemonLock(storeDir: string): number | undefined {
  const file = daemonLockFile(storeDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { mode: 0o600, flag: "wx" });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(readWithoutFollowing(file)?.toString("utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) return holder;
    rmSync(file, { force: true });
  }
  throw new Error(`${file} is taken and released again and again: is another \`assetline dev\` starting? Try again.`);
}

export function releaseDaemonLock(storeDir: string): void {
  rmSync(daemonLockFile(storeDir), { force: true });
}
