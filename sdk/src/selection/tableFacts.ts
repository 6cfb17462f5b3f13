/**
 * The facts `column:` and `table_name:` select on, read from each asset's latest materialization as the table IO
 * managers record it (docs/warehouse.md): the names in `column_schema` and the `table_name` text. One reading for the
 * CLI, the server and the webview, which each know the latest materializations their own way.
 */
import type { Metadata } from "../protocol/metadata";
import type { SelectionFacts } from "./evaluate";

export function tableFacts(
  metadataOf: (key: string) => Metadata | undefined,
): Required<Pick<SelectionFacts, "columns" | "tableName">> {
  return {
    columns: (key) => {
      const schema = metadataOf(key)?.column_schema;
      return schema?.type === "table_schema" ? schema.value.columns.map((column) => column.name) : [];
    },
    tableName: (key) => {
      const name = metadataOf(key)?.table_name;
      return name?.type === "text" ? name.value : undefined;
    },
  };
}
