/**
 * `assetline/daemon`: what the editor's processes need to speak to a workspace's daemon in this package's protocol
 * (the `hello` version check included; never to start one), and the cron arithmetic to show a schedule's next tick without one.
 */
export { ANSWER_TIMEOUT_MS, connectDaemon, type DaemonClient, type DaemonTarget, isSocket } from "./client";
export { daemonSocket, processAlive, readDaemonInfo } from "./daemonFiles";
export { request } from "./connection";
/** The daemon's refusals are this JSON-RPC library's errors (the language server's is another version). */
export { ErrorCodes, ResponseError } from "vscode-jsonrpc/node";
export { nextTick } from "../checks/cron";
