/**
 * The parsed form of Dagster's asset selection syntax. Plain data without source offsets, so that two
 * spellings of one selection (`key:a` and `a`, `tag:k` and `tag:k=""`, extra parentheses) compare equal; offsets
 * live in the tokens.
 */

/** How many layers a traversal walks: a count, or `"all"` for an unbounded `+`. */
export type Depth = number | "all";

/** An attribute value; `null` is Dagster's `<null>`: the asset has none of that attribute. */
export type Value = string | null;

/**
 * `status:` values: over Assetline's asset states (see STATUS_STATES), then over the asset's checks (its worst check
 * failed with severity error / warned) and its freshness policy.
 */
export const STATUS_VALUES = [
  "materialized",
  "fresh",
  "stale",
  "missing",
  "failed",
  "in_progress",
  "check_failed",
  "check_warning",
  "overdue",
] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

/** `is:` values: an external asset (`AssetSpec`) is produced elsewhere; every other asset is materializable. */
export const IS_VALUES = ["external", "materializable"] as const;
export type IsValue = (typeof IS_VALUES)[number];

/** `automation_type:` values: the label of Dagster's composite an asset's condition is, `custom` for any other. */
export const AUTOMATION_TYPE_VALUES = ["eager", "on_cron", "on_missing", "custom"] as const;
export type AutomationTypeValue = (typeof AUTOMATION_TYPE_VALUES)[number];

export type SelectionExpr =
  | { type: "all" }
  /** `pattern` may hold `*` wildcards that match any run of characters, `/` included. */
  | { type: "key"; pattern: string }
  | { type: "group"; value: Value }
  /** Tag `key` with exactly `value`: `tag:k` is `tag:k=""`, a tag with an empty value, as in Dagster. */
  | { type: "tag"; key: Value; value: string }
  | { type: "kind"; value: Value }
  | { type: "owner"; value: Value }
  /** The workspace package (nearest package.json `name`) of the asset's file. */
  | { type: "code_location"; value: Value }
  | { type: "status"; value: StatusValue }
  | { type: "is"; value: IsValue }
  /** The assets job `name` selects. */
  | { type: "job"; name: string }
  /** By the asset's automation condition; `null`: it has none. */
  | { type: "automation_type"; value: AutomationTypeValue | null }
  /** The assets schedule or sensor `name` runs (its job's selection, or its own). */
  | { type: "schedule" | "sensor"; name: string }
  /** Assets whose definition differs from the one at git revision `base`. */
  | { type: "changed_in_branch"; base: string }
  /** Assets whose latest materialization's `column_schema` has a column matching `pattern` (`*` wildcards). */
  | { type: "column"; pattern: string }
  /** Assets whose latest materialization's `table_name` (`silver.orders_enriched`) matches `pattern`. */
  | { type: "table_name"; pattern: string }
  | { type: "not"; operand: SelectionExpr }
  | { type: "and"; left: SelectionExpr; right: SelectionExpr }
  | { type: "or"; left: SelectionExpr; right: SelectionExpr }
  /** The operand plus its upstream (`up`) and/or downstream (`down`) layers; at least one is set. */
  | { type: "traverse"; operand: SelectionExpr; up?: Depth; down?: Depth }
  /** Members of the operand that no other member reaches from upstream (`roots`) or downstream (`sinks`). */
  | { type: "roots"; operand: SelectionExpr }
  | { type: "sinks"; operand: SelectionExpr };

/** Attributes whose one value may be `<null>`; tag: is apart (a key, then `=value`). */
export const NULLABLE_ATTRIBUTES = ["group", "kind", "owner", "code_location"] as const;
/** Attributes whose value is a name Assetline looks up or checks. */
export const NAMED_ATTRIBUTES = [
  "status",
  "is",
  "job",
  "changed_in_branch",
  "automation_type",
  "schedule",
  "sensor",
] as const;
/** Attributes over what a table's latest materialization recorded; their values match `*` wildcards, as key:'s do. */
export const TABLE_ATTRIBUTES = ["column", "table_name"] as const;

export const ATTRIBUTES = ["key", "tag", ...NULLABLE_ATTRIBUTES, ...NAMED_ATTRIBUTES, ...TABLE_ATTRIBUTES] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const FUNCTIONS = ["roots", "sinks"] as const;
export type SelectionFunction = (typeof FUNCTIONS)[number];

/**
 * Dagster's grammar makes these words tokens of their own: attribute and function names, including the attributes
 * Assetline has no facts for (column_tag:, partitions:, …). So, as in Dagster, none is a bare key or an unquoted value
 * (write `key:"sinks"`), except `sensor`, `schedule` and `job`, which Dagster's grammar accepts as values.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...ATTRIBUTES,
  ...FUNCTIONS,
  "column_tag",
  "partitions",
  "automation_type",
  "sensor",
  "schedule",
  "not_materialized_in_hours",
]);
export const RESERVED_VALUES_ALLOWED: ReadonlySet<string> = new Set(["sensor", "schedule", "job"]);
