import type { AssetHandle } from "./definition";
import type { AssetJob } from "./job";

const DEFINITIONS = Symbol.for("assetline.Definitions");

export interface DefinitionsInit {
  assets?: AssetHandle<unknown>[];
  jobs?: AssetJob[];
}

/** The workspace's entry point: which assets and jobs exist. Export it (default or named) from one module. */
export class Definitions {
  readonly [DEFINITIONS] = true;
  readonly assets: readonly AssetHandle<unknown>[];
  readonly jobs: readonly AssetJob[];

  constructor(init: DefinitionsInit = {}) {
    this.assets = init.assets ?? [];
    this.jobs = init.jobs ?? [];
  }

  static is(value: unknown): value is Definitions {
    return typeof value === "object" && value !== null && DEFINITIONS in value;
  }
}
