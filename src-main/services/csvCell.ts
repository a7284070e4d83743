/**
 * A cell a spreadsheet would run as a formula starts with one of = + - @ tab or CR (OWASP's
 * list); a leading apostrophe makes it text. Values that already start with apostrophes before
 * such a character get one more, so that reading strips exactly what writing added.
 */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

/** The cell as written to a CSV file: text to a spreadsheet, never a formula. */
export function defuseCell(value: string): string {
  return NEEDS_QUOTE.test(value) ? `'${value}` : value;
}

/** The value a cell written by `defuseCell` held; any other cell is returned as it is. */
export function restoreCell(cell: string): string {
  return QUOTED.test(cell) ? cell.slice(1) : cell;
}
