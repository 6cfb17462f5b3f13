/**
 * *Start Automation*'s process: the workspace's own `assetline dev`, detached from the extension host (it outlives a
 * window reload, as one started in a terminal would), its output appended to `<store>/daemon.log`. No vscode import.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readSync, statSync, unwatchFile, watchFile } from "node:fs";
import { join } from "node:path";

export const daemonLog = (storeDir: string): string => join(storeDir, "daemon.log");

export interface StartedDaemon {
  pid: number | undefined;
  /** Settles when the process exits (a daemon that already ran, or one that failed, exits at once). */
  exited: Promise<{ code: number | null; error?: Error }>;
}

/** Starts `node <args>` in `cwd` in its own process group, with stdout and stderr appended to the store's log. */
export function startDaemonProcess(args: string[], cwd: string, storeDir: string): StartedDaemon {
  mkdirSync(storeDir, { recursive: true });
  const log = openSync(daemonLog(storeDir), "a");
  try {
    const child = spawn("node", args, { cwd, detached: true, stdio: ["ignore", log, log], windowsHide: true });
    const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once("error", (error) => resolve({ code: null, error }));
      child.once("exit", (code) => resolve({ code }));
    });
    child.unref();
    return { pid: child.pid, exited };
  } finally {
    closeSync(log);
  }
}

/**
 * Follows a log file from its current end (polled, as it may not exist yet): each new chunk of text goes to `append`.
 * Returns the function that stops following.
 */
export function tailFile(file: string, append: (text: string) => void, intervalMs = 500): () => void {
  let offset = sizeOf(file);
  const read = () => {
    const size = sizeOf(file);
    if (size < offset) offset = 0;
    if (size === offset) return;
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(size - offset);
      offset += readSync(fd, buffer, 0, buffer.length, offset);
      append(buffer.toString("utf8"));
    } finally {
      closeSync(fd);
    }
  };
  watchFile(file, { interval: intervalMs, persistent: false }, read);
  return () => unwatchFile(file, read);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The log's last lines, for the message when the daemon did not start. */
export function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join(" ").trim();
}
