/**
 * Typed messaging with the host over the protocol's envelopes `{ method, params }`: one dispatcher keyed by the
 * descriptors' methods (no switch on strings), and one typed `post`.
 */
import type { NotificationDescriptor, WebviewEnvelope } from "assetline/protocol";

interface VsCodeApi {
  postMessage(message: WebviewEnvelope): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function post<P>(descriptor: NotificationDescriptor<P>, params: P): void {
  vscode.postMessage({ method: descriptor.method, params });
}

/** What the webview remembers while its panel lives (VS Code keeps it when the panel is hidden or reloaded). */
export interface RememberedView {
  direction: "right" | "down" | null;
}

export function rememberedView(): RememberedView {
  const state = vscode.getState() as Partial<RememberedView> | undefined;
  const direction = state?.direction;
  return { direction: direction === "right" || direction === "down" ? direction : null };
}

export function rememberView(view: RememberedView): void {
  vscode.setState(view);
}

function isEnvelope(data: unknown): data is WebviewEnvelope {
  return typeof data === "object" && data !== null && typeof (data as { method?: unknown }).method === "string";
}

export class MessageDispatcher {
  private readonly handlers = new Map<string, (params: unknown) => void>();

  on<P>(descriptor: NotificationDescriptor<P>, handler: (params: P) => void): this {
    // The descriptor ties the method to P, so the handler receives exactly what the host sent under that method.
    this.handlers.set(descriptor.method, handler as (params: unknown) => void);
    return this;
  }

  /** Messages without a handler are ignored: a newer host may send more than this app knows. */
  dispatch(data: unknown): void {
    if (isEnvelope(data)) this.handlers.get(data.method)?.(data.params);
  }
}
