/**
 * Typed message descriptors, declared once and imported by both ends of a boundary
 * (as vscode-eslint does with `new RequestType(method)`), without tying this module to
 * any transport library: the LSP glue and the webview host wrap these in their own types.
 */
export interface RequestDescriptor<P, R> {
  readonly method: string;
  /** Phantom fields: never set at run time, they carry the types. */
  readonly _params?: P;
  readonly _result?: R;
}

export interface NotificationDescriptor<P> {
  readonly method: string;
  readonly _params?: P;
}

export function request<P, R>(method: string): RequestDescriptor<P, R> {
  return { method };
}

export function notification<P>(method: string): NotificationDescriptor<P> {
  return { method };
}

export type ParamsOf<T> =
  T extends RequestDescriptor<infer P, unknown> ? P : T extends NotificationDescriptor<infer P> ? P : never;
export type ResultOf<T> = T extends RequestDescriptor<unknown, infer R> ? R : never;
