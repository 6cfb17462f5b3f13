/**
 * Routes webview envelopes `{ method, params }` to handlers registered by protocol descriptor, so each handler gets
 * its message's own params type and no code compares method strings by hand.
 */
import type { NotificationDescriptor, WebviewEnvelope } from "assetline/protocol";

type Handler = (params: unknown) => void | Promise<void>;

export class MessageDispatcher {
  private readonly handlers = new Map<string, Handler>();

  on<P>(message: NotificationDescriptor<P>, handler: (params: P) => void | Promise<void>): this {
    // The descriptor ties the method to P; the envelope's params are trusted to match it, as across any protocol.
    this.handlers.set(message.method, handler as Handler);
    return this;
  }

  /** Calls the handler for this envelope; returns false for anything that is not a known envelope. */
  async dispatch(envelope: unknown): Promise<boolean> {
    if (typeof envelope !== "object" || envelope === null) return false;
    const { method, params } = envelope as Partial<WebviewEnvelope>;
    const handler = typeof method === "string" ? this.handlers.get(method) : undefined;
    if (!handler) return false;
    await handler(params);
    return true;
  }
}

/** Wraps params for `postMessage`, typed by the descriptor. */
export function envelope<P>(message: NotificationDescriptor<P>, params: P): WebviewEnvelope<P> {
  return { method: message.method, params };
}
