import type { DuckDBConnection } from "@duckdb/node-api";
import { type QueryOutput, versioned } from "../../protocol";
import { openReadOnly, WarehouseUnavailable } from "../../warehouse/openReadOnly";
import { CliError, type Command } from "../command";
import { limitOf, storeOption, storePaths } from "../workspaceArgs";
import { formatTable } from "./table";

/** Statements that only read: DuckDB's read-only mode refuses writes to the file, not `COPY … TO` or `ATTACH`. */
const READING = new Set(["SELECT", "EXPLAIN", "PRAGMA"]);

/** DuckDB's message as the user reads it: a read-only refusal in our words, a parse error without the parser's prefix. */
function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const readOnly = /Cannot execute statement of type "(\w+)".*read-only mode/.exec(message);
  if (readOnly) return refused(readOnly[1]!);
  return message.replace(/^Failed to extract statements: /, "").trimEnd();
}

const refused = (type: string) =>
  `query runs only statements that read (select, explain, pragma), not ${/^[AEIOU]/.test(type) ? "an" : "a"} ${type}: the warehouse changes only by materializing assets.`;

/** Runs the one statement of `sql` and reads its first `limit` rows (cells as JSON values). */
async function runOne(connection: DuckDBConnection, sql: string, limit: number): Promise<QueryOutput> {
  const { DuckDBResultReader, StatementType } = await import("@duckdb/node-api");
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new CliError(`give exactly one statement (this SQL has ${statements.count}).`, 1);
  const prepared = await statements.prepare(0);
  const type = StatementType[prepared.statementType] ?? "statement";
  if (!READING.has(type)) throw new CliError(refused(type), 1);
  const result = await prepared.run();
  const reader = new DuckDBResultReader(result);
  await reader.readUntil(limit);
  const types = reader.columnTypes();
  return {
    columns: reader.deduplicatedColumnNames().map((name, i) => ({ name, type: String(types[i]) })),
    rows: reader.getRowObjectsJson().slice(0, limit),
    rowCount: result.rowCount,
  };
}

const cellText = (value: unknown) =>
  value === null ? "NULL" : typeof value === "string" ? value.replace(/\r?\n/g, "↵") : JSON.stringify(value);

function textOutput({ columns, rows, rowCount }: QueryOutput): string {
  const names = columns.map((column) => column.name);
  const table = formatTable(
    names,
    rows.map((row) => names.map((name) => cellText(row[name]))),
  );
  const more = rowCount - rows.length;
  const said = more > 0 ? `… ${more} more row${more === 1 ? "" : "s"} (--limit N shows more)\n` : "";
  return `${table}${said}${rows.length === 0 ? "(no rows)\n" : ""}`;
}

/** `query SQL`: one read-only statement against the store's DuckDB warehouse, views by `group.table` or bare name. */
export const queryCommand: Command = {
  name: "query",
  summary: "Run one read-only SQL statement against the DuckDB warehouse (views by group.table, or by table name)",
  args: "SQL [dir]",
  options: [
    { flags: "--limit <N>", description: "how many rows to show (default 100)" },
    { flags: "--json", description: "print { protocolVersion, columns, rows, rowCount }" },
    storeOption,
  ],
  async run(args, io) {
    const [sql, dir] = args.positionals;
    if (!sql?.trim())
      throw new CliError('give the SQL to run, e.g. assetline query "select * from gold.daily_revenue"');
    const limit = limitOf(args, 100);
    let warehouse: Awaited<ReturnType<typeof openReadOnly>>;
    try {
      warehouse = await openReadOnly(storePaths(args, io.cwd, dir).storeDir);
    } catch (error) {
      if (error instanceof WarehouseUnavailable) throw new CliError(error.message, 1);
      throw error;
    }
    try {
      const output = await runOne(warehouse.connection, sql, limit);
      io.stdout(args.values.json ? `${JSON.stringify(versioned(output))}\n` : textOutput(output));
      return 0;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(duckdbMessage(error), 1);
    } finally {
      warehouse.close();
    }
  },
};
