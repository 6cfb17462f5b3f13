import { ResponseError } from "vscode-languageserver/node";

/** Logs to the client's output; the server has no other place to report. */
export interface Log {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Wraps a request handler so one failing feature never breaks the connection: an exception is logged to the client's
 * console and the request answers with `empty` instead. A ResponseError is a deliberate answer (a rename to an invalid
 * key) and goes to the client as it is.
 */
export function tryHandler<P, R>(
  log: Log,
  feature: string,
  empty: R,
  handler: (params: P) => R | Promise<R>,
): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log.error(`Assetline ${feature} failed: ${describeError(error)}`);
      return empty;
    }
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
