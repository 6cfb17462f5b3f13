/** The daemon's socket as a JSON-RPC connection: connecting with a deadline, and requests that never hang. */
import { createConnection, type Socket } from "node:net";
import * as v from "valibot";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";

/** JSON-RPC over a connected socket; the caller listens. */
export function rpcOver(socket: Socket): MessageConnection {
  return createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
}

/** The socket at `path` once connected, or undefined when nothing accepts there within `timeoutMs`. */
export function connectSocket(path: string, timeoutMs: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    });
  });
}

/** A request whose answer must match `schema` within `timeoutMs` (undefined: no deadline). */
export async function request<S extends v.GenericSchema>(
  connection: MessageConnection,
  method: string,
  params: unknown,
  schema: S,
  timeoutMs?: number,
): Promise<v.InferOutput<S>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    if (timeoutMs !== undefined)
      timer = setTimeout(() => reject(new DaemonSilent(`${method} got no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result: unknown = await Promise.race([connection.sendRequest(method, params), deadline]);
    // Checked, not reshaped: the caller prints what the daemon computed, as the CLI would have.
    if (!v.is(schema, result)) throw new DaemonSilent(`the daemon's ${method} answer does not match the protocol`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** The daemon did not answer (in time, or in the protocol's shape): the CLI works without it. */
export class DaemonSilent extends Error {}
