/** Formats rows as an aligned text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** `12,345` */
export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Dollars: `12,345` from 1,000 up, else two decimals. */
export function dollars(value: number): string {
  return Math.abs(value) >= 1_000 ? integer(value) : value.toFixed(2);
}

/** Seconds: whole from 100 up, else one decimal. */
export function seconds(value: number): string {
  return Math.abs(value) >= 100 ? integer(value) : value.toFixed(1);
}

/** A 0..1 share as a percent with one decimal. */
export function percent(share: number): string {
  return (share * 100).toFixed(1);
}
