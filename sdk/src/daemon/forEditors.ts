/** What the editor's parts need of a daemon (`assetline/daemon`): find it, connect, ask with a deadline. Never start it. */
export { connectDaemon, type DaemonClient, type DaemonTarget } from "./client";
export { request } from "./connection";
export { processAlive, readDaemonInfo } from "./daemonFiles";
