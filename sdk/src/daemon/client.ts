/**
 * How the CLI finds the workspace's daemon: a socket (never a link) in the store folder that answers `hello` in the
 * same protocol, for the same workspace, within a short deadline. Anything else, and `ASSETLINE_NO_DAEMON=1`, means
 * no daemon: the command works as it does without one.
 */
import type { MessageConnection } from "vscode-jsonrpc/node";
import { lstatOrUndefined } from "../io/links";
import { DAEMON_PROTOCOL_VERSION, DaemonInfoSchema, DaemonMethods, type DaemonInfo } from "../protocol/daemon";
import { connectSocket, request, rpcOver } from "./connection";
import { daemonSocket } from "./daemonFiles";

/** A daemon that answers slower than this is taken for none: the direct path is never much slower. */
export const ANSWER_TIMEOUT_MS = 3000;
const CONNECT_TIMEOUT_MS = 500;

export interface DaemonClient {
  info: DaemonInfo;
  connection: MessageConnection;
  close(): void;
}

export interface DaemonTarget {
  root: string;
  storeDir: string;
  definitionsFile?: string;
}

/** Commands that read only the store (runs, logs, cancel) use the daemon serving it, whatever its workspace. */
export type StoreTarget = Pick<DaemonTarget, "storeDir"> & Partial<DaemonTarget>;

/** Whether a socket (never a link to one) is at `path`; a store folder that is no folder has none. */
export function isSocket(path: string): boolean {
  try {
    return lstatOrUndefined(path)?.isSocket() === true;
  } catch {
    return false;
  }
}

/** The daemon serving this workspace's store, connected; undefined when there is none that answers. */
export async function connectDaemon(target: StoreTarget): Promise<DaemonClient | undefined> {
  if (process.env.ASSETLINE_NO_DAEMON === "1") return undefined;
  const path = daemonSocket(target.storeDir);
  if (!isSocket(path)) return undefined;
  const socket = await connectSocket(path, CONNECT_TIMEOUT_MS);
  if (socket === undefined) return undefined;
  const connection = rpcOver(socket);
  const close = () => {
    connection.dispose();
    socket.destroy();
  };
  // A daemon that exits mid-request must not leave the CLI waiting: its pending requests reject.
  socket.on("close", () => connection.dispose());
  connection.listen();
  try {
    const info = await request(
      connection,
      DaemonMethods.hello,
      { daemonProtocolVersion: DAEMON_PROTOCOL_VERSION },
      DaemonInfoSchema,
      ANSWER_TIMEOUT_MS,
    );
    const same =
      info.daemonProtocolVersion === DAEMON_PROTOCOL_VERSION &&
      (target.root === undefined || (info.root === target.root && info.definitionsFile === target.definitionsFile));
    if (same) return { info, connection, close };
  } catch {
    // No answer, a closed socket or another shape: as if there were no daemon.
  }
  close();
  return undefined;
}
