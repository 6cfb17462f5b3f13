import type { CheckHandle } from "../checks/definition";
import type { AssetHandle } from "./definition";
import { ioOption, type IOManagerName } from "./definition";
import type { AssetJob } from "./job";
import type { Schedule } from "../automation/schedule";
import type { Sensor } from "../automation/sensor";

const DEFINITIONS = Symbol.for("assetline.Definitions");

export interface DefinitionsInit {
  assets?: AssetHandle<unknown>[];
  jobs?: AssetJob[];
  /** Checks about the assets (`assetCheck`, `multiAssetCheck`, builtins with `asset`); exported checks count anyway. */
  checks?: CheckHandle[];
  /**
   * The resources assets request by key: `defineResource(...)` (set up once per run, when first needed) or plain
   * values (used as they are).
   */
  resources?: Record<string, unknown>;
  /** Where assets without their own `io` store values: `"duckdb"`, `"parquet"` or `"json"` (the default). */
  io?: IOManagerName;
  /** Schedules and sensors the daemon ticks; exported ones count anyway. */
  schedules?: Schedule[];
  sensors?: Sensor[];
}

/** The workspace's entry point: which assets, jobs, checks, schedules and sensors exist. Export it (default or named) from one module. */
export class Definitions {
  readonly [DEFINITIONS] = true;
  readonly assets: readonly AssetHandle<unknown>[];
  readonly jobs: readonly AssetJob[];
  readonly checks: readonly CheckHandle[];
  readonly resources: Readonly<Record<string, unknown>>;
  readonly io: IOManagerName;
  readonly schedules: readonly Schedule[];
  readonly sensors: readonly Sensor[];

  constructor(init: DefinitionsInit = {}) {
    this.assets = init.assets ?? [];
    this.jobs = init.jobs ?? [];
    this.checks = init.checks ?? [];
    this.resources = init.resources ?? {};
    this.io = ioOption(init.io, "new Definitions({ io })").io ?? "json";
    this.schedules = init.schedules ?? [];
    this.sensors = init.sensors ?? [];
  }

  static is(value: unknown): value is Definitions {
    return typeof value === "object" && value !== null && DEFINITIONS in value;
  }
}
