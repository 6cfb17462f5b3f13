/** Metadata as `show` prints it: one `name: value` line per entry, a multi-line value indented below its name. */
import type { Metadata, MetadataEntry } from "../../protocol";
import { schemaLines } from "../../status/describe";

function entryText(entry: MetadataEntry): string {
  switch (entry.type) {
    case "md":
    case "text":
    case "url":
    case "path":
      return entry.value;
    case "timestamp":
      return new Date(entry.value).toISOString();
    case "table":
      return JSON.stringify(entry.value.rows);
    case "table_schema":
      return schemaLines(entry.value.columns).join("\n");
    default:
      return JSON.stringify(entry.value);
  }
}

/** Each entry's line(s), `indent` before the name. */
export function metadataLines(metadata: Metadata, indent: string): string[] {
  return Object.entries(metadata).map(([name, entry]) => {
    const text = entryText(entry);
    return text.includes("\n")
      ? `${indent}${name}:\n${text.replace(/^/gm, `${indent}  `)}`
      : `${indent}${name}: ${text}`;
  });
}
