/**
 * A small CSV reader for the trace and price files: comma-separated, first line is the header,
 * double-quoted fields may hold commas and doubled quotes (RFC 4180), no field spans lines.
 */
export type CsvRow = Readonly<Record<string, string>>;

/** Splits one CSV line into fields. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * Parses CSV text into rows keyed by header name; blank lines are skipped.
 * @throws Error when a required column is missing from the header.
 */
export function parseCsv(text: string, requiredColumns: readonly string[] = []): CsvRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '').map((name) => name.trim());
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`CSV header lacks ${missing.join(', ')} (header: ${lines[0] ?? '(empty)'})`);
  return lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    const row: Record<string, string> = {};
    header.forEach((name, column) => {
      row[name] = (fields[column] ?? '').trim();
    });
    return row;
  });
}

/** A field as a finite number, or undefined when empty or not a number. */
export function numberField(row: CsvRow, column: string): number | undefined {
  const text = row[column];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
