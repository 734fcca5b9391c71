/**
 * Parsing of `nvidia-smi --query-* --format=csv,noheader,nounits` output (reference §5.2):
 * cells are separated by ", " with no quoting, so only the last column may contain commas (it
 * gets the rest of the line); absent values are `[N/A]`, `[Not Supported]`, `[Insufficient
 * Permissions]`, `[Unknown Error]`, bare `N/A` or empty; units may still be attached.
 */

/** A row as column name → trimmed raw cell. */
export type SmiRow = Readonly<Record<string, string>>;

export interface SmiTable {
  readonly rows: SmiRow[];
  /** Lines that did not have the expected number of columns. */
  readonly rejected: string[];
}

function splitLine(line: string, columns: number, lastIsFreeText: boolean): string[] | undefined {
  const cells: string[] = [];
  let start = 0;
  for (let column = 0; column < columns - 1; column++) {
    const comma = line.indexOf(',', start);
    if (comma < 0) return undefined;
    cells.push(line.slice(start, comma).trim());
    start = comma + 1;
  }
  const rest = line.slice(start);
  if (!lastIsFreeText && rest.includes(',')) return undefined;
  cells.push(rest.trim());
  return cells;
}

/** Splits CSV text into rows keyed by `fields`; set `lastIsFreeText` when the last field may hold commas. */
export function parseSmiCsv(text: string, fields: readonly string[], lastIsFreeText = false): SmiTable {
  const rows: SmiRow[] = [];
  const rejected: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const cells = splitLine(line, fields.length, lastIsFreeText);
    if (!cells) {
      rejected.push(line);
      continue;
    }
    rows.push(Object.fromEntries(fields.map((field, index) => [field, cells[index] ?? ''])));
  }
  return { rows, rejected };
}

const ABSENT = /^\[.*\]$|^N\/A$/i;
const RESET_REQUIRED = /^\[GPU requires reset\]$/i;
const NUMBER_WITH_UNIT = /^([-+]?\d+(?:\.\d+)?)\s*(?:MiB|%|W|MHz|C)?$/i;

/** The cell's text, or `undefined` for an absent token or an empty cell. */
export function cellText(raw: string | undefined): string | undefined {
  const text = raw?.trim() ?? '';
  return text === '' || ABSENT.test(text) ? undefined : text;
}

/** A number, with any unit the `nounits` format failed to strip; `undefined` when absent or not a number. */
export function cellNumber(raw: string | undefined): number | undefined {
  const text = cellText(raw);
  const match = text === undefined ? null : NUMBER_WITH_UNIT.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** `Enabled` → true, `Disabled` → false; also `Yes`/`No` and `Active`/`Not Active`. */
export function cellFlag(raw: string | undefined): boolean | undefined {
  const text = cellText(raw)?.toLowerCase();
  if (text === 'enabled' || text === 'yes' || text === 'active') return true;
  if (text === 'disabled' || text === 'no' || text === 'not active') return false;
  return undefined;
}

/** True when a cell says the GPU needs a reset (it replaces numeric fields of a faulted GPU). */
export function cellRequiresReset(raw: string | undefined): boolean {
  return RESET_REQUIRED.test(raw?.trim() ?? '');
}
