/**
 * `LISTEN assetline_cancel` on a connection of its own, kept open: when the server drops it, it reconnects with
 * backoff and, once back, `onReconnect` lets the worker catch up on cancels it may have missed meanwhile.
 */
import type { Client } from "pg";
import type { PostgresLocation } from "../store/postgres/migratePostgres";
import { loadPg } from "../store/postgres/loadPg";
import { CANCEL_CHANNEL, type CancelNotice } from "./cancelRun";

export interface CancelListener {
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 5_000;

export function listenForCancels(
  location: PostgresLocation,
  onCancel: (runId: string) => void,
  onReconnect: () => void,
  log: (line: string) => void,
  applicationName: string,
): CancelListener {
  let client: Client | undefined;
  let closed = false;
  let connectedOnce = false;
  let backoff = 100;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const pg = await loadPg();
    const next = new pg.Client({ connectionString: location.connectionString, application_name: applicationName });
    next.on("notification", ({ payload }) => {
      const notice = JSON.parse(payload ?? "{}") as CancelNotice;
      if (notice.schema === location.schema) onCancel(notice.runId);
    });
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CANCEL_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (closed) return void (await next.end().catch(() => {}));
    const reconnected = connectedOnce;
    connectedOnce = true;
    client = next;
    backoff = 100;
    if (reconnected) onReconnect();
  };
  const lost = (which: Client) => {
    if (closed || which !== client) return;
    client = undefined;
    log(`assetline worker: lost the cancel listener's connection; reconnecting`);
    retry();
  };
  const retry = () => {
    timer = setTimeout(() => {
      connect().catch(() => {
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        retry();
      });
    }, backoff);
  };
  const first = connect().catch(() => retry());
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await first;
      await client?.end().catch(() => {});
    },
  };
}
