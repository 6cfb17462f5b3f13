/**
 * A run's resources: each set up once, lazily, when the first step that requested it starts (steps that start together
 * share one setup), and torn down at the end of the run in reverse setup order.
 */
import { isResource } from "./defineResource";
import { type EnvLookup, resolveConfig } from "./envVar";
import { Redactor } from "./redact";

export interface ResourcePoolOptions {
  /** As the Definitions (or `materialize({ resources })`) give them: resource definitions or plain values. */
  provided: Readonly<Record<string, unknown>>;
  env: EnvLookup;
  signal: AbortSignal;
}

/** The step that asks for resources, as errors name it: `asset "orders"`. */
export type Requester = string;

export class ResourcePool {
  readonly redactor = new Redactor();
  private readonly setups = new Map<string, Promise<unknown>>();
  /** Set-up definitions in the order their setup finished, with their values: torn down in reverse. */
  private readonly ready: { key: string; teardown: () => void | Promise<void> }[] = [];

  constructor(private readonly options: ResourcePoolOptions) {}

  /** The values of `keys` for `requester`, setting up those not set up yet; rejects with the first setup's error. */
  async acquire(keys: readonly string[], requester: Requester): Promise<Record<string, unknown>> {
    const values = await Promise.all(keys.map((key) => this.valueOf(key, requester)));
    return Object.fromEntries(keys.map((key, index) => [key, values[index]]));
  }

  /** Tears down every resource set up, last first; resolves with one warning per teardown that threw. */
  async teardown(): Promise<string[]> {
    // A setup still running (the run was cancelled meanwhile) is waited for, so its value is torn down too.
    await Promise.allSettled(this.setups.values());
    const warnings: string[] = [];
    for (const { key, teardown } of this.ready.splice(0).reverse()) {
      try {
        await teardown();
      } catch (error) {
        warnings.push(`resource ${key} failed to tear down: ${messageOf(error)}`);
      }
    }
    return warnings;
  }

  private valueOf(key: string, requester: Requester): Promise<unknown> {
    let setup = this.setups.get(key);
    if (!setup) {
      setup = this.setUp(key);
      this.setups.set(key, setup);
    }
    return setup.catch((error: unknown) => {
      throw new Error(`resource ${key} failed to set up: ${messageOf(error)} (requested by ${requester})`);
    });
  }

  private async setUp(key: string): Promise<unknown> {
    const definition = this.options.provided[key];
    if (!isResource(definition)) return definition;
    const config = resolveConfig(
      definition.config,
      this.options.env,
      (secret) => this.redactor.add(secret),
      (name) =>
        new Error(
          `environment variable ${name} is not set (EnvVar("${name}") in resource ${key}'s config): set it, or add ${name}=… to the workspace's .env file`,
        ),
    );
    const value = await definition.setup(config as never, { key, signal: this.options.signal });
    const { teardown } = definition;
    if (teardown) this.ready.push({ key, teardown: () => teardown(value) });
    return value;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
