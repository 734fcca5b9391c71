/** Formats rows as an aligned text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** `12,345` */
export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Microseconds with three significant digits or more: `4.21`, `38.7`, `1,234`. */
export function micros(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1_000) return integer(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
