/**
 * `assetline/daemon`: what the editor's processes need to speak to a workspace's daemon in this package's protocol
 * (the `hello` version check included), and the cron arithmetic to show a schedule's next tick without one.
 */
export { ANSWER_TIMEOUT_MS, connectDaemon, type DaemonClient, type DaemonTarget } from "./client";
export { DaemonSilent, request } from "./connection";
export { nextTick } from "../checks/cron";
