/**
 * What the CLI prints for machines (`status --json`, `graph --json`, `runs --json`, `materialize --dry-run --json`,
 * and each line of `materialize --json`), and how the editor reads it. The extension and the language server run
 * whatever `assetline` the workspace installed, so every such output carries `protocolVersion`: a reader that finds
 * another version (or none: a CLI from before versioning) says so and stops, instead of misreading the shapes.
 */
import * as v from "valibot";
import { AssetGraphEntries } from "./graph";
import { PartitionStatusSchema } from "./partitions";
import { PlannedStepSchema } from "./runEvents";
import { AssetStatusSchema, RunSummarySchema } from "./state";

/**
 * Bumped whenever a machine output changes incompatibly (a field removed, renamed or given another meaning); a new
 * optional field keeps it, since readers drop fields they do not know. Output without the field is from before versioning.
 */
export const PROTOCOL_VERSION = 3;

export type Versioned<T> = { protocolVersion: typeof PROTOCOL_VERSION } & T;

/** The output as the CLI prints it: the version first, so a human reading it sees it too. */
export function versioned<T extends object>(output: T): Versioned<T> {
  return { protocolVersion: PROTOCOL_VERSION, ...output };
}

/** `materialize --dry-run --json`: the steps a run would take and the state of each asset in them now. */
export const DryRunSchema = v.object({
  selection: v.string(),
  steps: v.array(PlannedStepSchema),
  statuses: v.array(AssetStatusSchema),
});
export type DryRun = v.InferOutput<typeof DryRunSchema>;

/** `status --json`. */
export const StatusOutputSchema = v.object({ assets: v.array(AssetStatusSchema) });
/** `status --partitions KEY --json`: each partition of one asset, in the definition's order. */
export const PartitionsOutputSchema = v.object({ key: v.string(), partitions: v.array(PartitionStatusSchema) });
/** `graph --json`: the AssetGraph's fields at the top level. */
export const GraphOutputSchema = v.object(AssetGraphEntries);
/** `runs --json`, newest first. */
export const RunsOutputSchema = v.object({ runs: v.array(RunSummarySchema) });
/** `config-schema KEY --json`: the JSON Schema of the asset's run config; null when its validator gives none. */
export const ConfigSchemaOutputSchema = v.object({
  key: v.string(),
  /** The validator's name (`~standard.vendor`): zod, valibot, arktype… */
  vendor: v.string(),
  jsonSchema: v.nullable(v.record(v.string(), v.unknown())),
  /** What an editor prefills a config file with: what `{}` validates to, else each field's JSON Schema default. */
  defaults: v.optional(v.record(v.string(), v.unknown())),
});

/** `query SQL --json`: the statement's columns and its first rows (cells as JSON: big integers as strings). */
export const QueryOutputSchema = v.object({
  columns: v.array(v.object({ name: v.string(), type: v.string() })),
  /** Keyed by column name; a name repeated in the result gets a suffix (`a`, `a_1`). */
  rows: v.array(v.record(v.string(), v.unknown())),
  /** Every row the statement gave; more than `rows.length` when the limit cut it. */
  rowCount: v.number(),
});
export type QueryOutput = v.InferOutput<typeof QueryOutputSchema>;

export type CliRead<T> =
  | { ok: true; value: T }
  /** The output is from another protocol version; `found` is undefined when it declares none. */
  | { ok: false; mismatch: { found: number | undefined } }
  /** Not JSON, cut short, or not the declared shape: `error` says where. */
  | { ok: false; error: string };

/**
 * Reads one machine output (a whole `--json` output, or one line of the event stream) with its schema: the version is
 * checked before the shape, so an old CLI is reported as old rather than as broken. The value has exactly the fields
 * the schema declares.
 */
export function readCliOutput<S extends v.GenericSchema>(schema: S, text: string): CliRead<v.InferOutput<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    return { ok: false, error: `not JSON (${(error as Error).message}): ${JSON.stringify(cut.trim())}` };
  }
  const declared =
    typeof value === "object" && value !== null ? (value as { protocolVersion?: unknown }).protocolVersion : undefined;
  const found = typeof declared === "number" ? declared : undefined;
  if (found !== PROTOCOL_VERSION) return { ok: false, mismatch: { found } };
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.output };
  const issues = result.issues.slice(0, 3).map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`);
  return { ok: false, error: `not the expected shape: ${issues.join("; ")}` };
}

export interface MismatchFacts {
  /** The command as a user would type it: `assetline status --json`. */
  command: string;
  /** The workspace folder whose CLI printed it. */
  root: string;
  found: number | undefined;
  /** The workspace's `assetline` package version, when its package.json says. */
  cliVersion: string | undefined;
  /** The `assetline` version the editor's side was built with, which speaks PROTOCOL_VERSION. */
  editorVersion: string;
}

/** One message naming both versions and how to align them; the server and the extension show it once per folder. */
export function protocolMismatchMessage({ command, root, found, cliVersion, editorVersion }: MismatchFacts): string {
  const cli = `assetline${cliVersion ? ` ${cliVersion}` : ""}`;
  const install = `run \`npm install assetline@${editorVersion}\` in ${root}`;
  if (found !== undefined && found > PROTOCOL_VERSION)
    return `Assetline: the workspace's ${cli} speaks protocol version ${found} (\`${command}\`), newer than this editor's version ${PROTOCOL_VERSION}. Update the Assetline extension, or ${install}. Its output is not read until then.`;
  const said = found === undefined ? "no protocol version (it predates versioned output)" : `protocol version ${found}`;
  return `Assetline: the workspace's ${cli} prints ${said} for \`${command}\`; this editor reads version ${PROTOCOL_VERSION}. To align them, ${install}, or use the Assetline extension release that matches ${cli}. Its output is not read until then.`;
}
