/** A plain-text table with padded columns, for human output. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return `${[format(headers), format(widths.map((w) => "-".repeat(w))), ...rows.map(format)].join("\n")}\n`;
}
