/** The light API for resources: what `defineResource` returns and what `Definitions({ resources })` holds. */
const RESOURCE = Symbol.for("assetline.Resource");

/** What a resource's `setup` gets besides its config. */
export interface ResourceSetupContext {
  /** The name the Definitions give the resource (`warehouse` in `resources: { warehouse }`). */
  readonly key: string;
  /** Fires when the run is cancelled: a slow connect should pass it on. */
  readonly signal: AbortSignal;
}

export interface ResourceOptions<C, V> {
  /** Given to `setup` with every `EnvVar(...)` in it replaced by the variable's value, at run time only. */
  config?: C;
  setup(config: Resolved<C>, context: ResourceSetupContext): V | Promise<V>;
  /** Runs once at the end of the run (also after a failure or a cancel), in reverse setup order. */
  teardown?(value: V): void | Promise<void>;
}

/** A config with each `EnvVar` replaced by its string. */
export type Resolved<C> = C extends { readonly envVar: string }
  ? string
  : C extends object
    ? { [K in keyof C]: Resolved<C[K]> }
    : C;

export interface ResourceDefinition<V = unknown, C = unknown> extends ResourceOptions<C, V> {
  readonly [RESOURCE]: true;
}

/** The value a resource's `setup` gives (what `ctx.resources.<key>` is); a plain value is itself. */
export type ResourceValue<R> = R extends ResourceDefinition<infer V, infer _C> ? V : R;

/** A resource: set up once per run process, lazily by the first step that requested it, torn down at the end. */
export function defineResource<V, const C = undefined>(options: ResourceOptions<C, V>): ResourceDefinition<V, C> {
  if (typeof options?.setup !== "function")
    throw new TypeError("defineResource({ setup }): `setup` must be a function that returns the resource's value.");
  if (options.teardown !== undefined && typeof options.teardown !== "function")
    throw new TypeError("defineResource({ teardown }): `teardown` must be a function of the resource's value.");
  return { ...options, [RESOURCE]: true };
}

export function isResource(value: unknown): value is ResourceDefinition {
  return typeof value === "object" && value !== null && RESOURCE in value;
}
