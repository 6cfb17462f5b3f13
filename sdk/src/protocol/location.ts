/** Places in source files, as LSP counts them; the graph, checks and diagnostics point with these. */
import * as v from "valibot";

/** Zero-based line and UTF-16 character, as in LSP. */
export const PositionSchema = v.object({ line: v.number(), character: v.number() });
export type Position = v.InferOutput<typeof PositionSchema>;

export const RangeSchema = v.object({ start: PositionSchema, end: PositionSchema });
export type Range = v.InferOutput<typeof RangeSchema>;

/** A range in a file; `file` is an absolute path with forward slashes. */
export const SourceLocationSchema = v.object({ file: v.string(), range: RangeSchema });
export type SourceLocation = v.InferOutput<typeof SourceLocationSchema>;
