import Papa from 'papaparse';
import { defuseCell } from './csvCell';

const BOM = '\uFEFF';

/** One data record of a CSV file with the physical line it starts on (header = line 1). */
export type CsvRecord = { readonly line: number; readonly cells: readonly string[] };
export type CsvTable = {
  readonly headers: readonly string[];
  readonly records: readonly CsvRecord[];
  readonly delimiter: string;
};

/** Rows parsed between two calls of parseCsv's `progress`. */
const PROGRESS_ROWS = 8_192;

/** The text without its byte order mark, if it has one. */
export function withoutBom(raw: string): string {
  return raw.startsWith(BOM) ? raw.slice(1) : raw;
}

/**
 * Parses spreadsheet CSV: UTF-8 with or without BOM, comma, semicolon or tab guessed from the
 * file, quoted cells with embedded quotes and line breaks, CRLF or LF. Blank lines are skipped.
 * `progress` hears how many characters of how many are parsed.
 */
export function parseCsv(raw: string, progress?: (done: number, total: number) => void): CsvTable {
  const text = withoutBom(raw);
  const rows: { cells: string[]; start: number }[] = [];
  let start = 0;
  const delimiter = guessDelimiter(text);
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      const cells = result.data;
      if (!(cells.length === 1 && (cells[0] ?? '').trim() === '')) rows.push({ cells, start });
      start = result.meta.cursor;
      if (progress && rows.length % PROGRESS_ROWS === 0) progress(start, text.length);
    },
  });
  // Physical line of each record, counting the line breaks before it (cells may contain some).
  let line = 1;
  let scanned = 0;
  const withLines = rows.map((row) => {
    for (let index = scanned; index < row.start; index += 1) if (text.charCodeAt(index) === 10) line += 1;
    scanned = row.start;
    return { line, cells: row.cells };
  });
  const [header, ...records] = withLines;
  if (!header) return { headers: [], records: [], delimiter };
  return { headers: header.cells.map((cell) => cell.trim()), records, delimiter };
}

/**
 * The delimiter of the header line (outside quotes): the most frequent of comma, semicolon and
 * tab. The header is the one line every spreadsheet writes with all its columns.
 */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  // The header line's first megabyte says it: a longer line is refused anyway.
  for (const char of text.slice(0, 1 << 20)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

/**
 * A CSV file as spreadsheets open it best: UTF-8 with BOM, comma-separated, CRLF, quoted where
 * needed, every cell defused (the import restores it).
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const data = rows.map((row) => row.map(defuseCell));
  return BOM + Papa.unparse({ fields: headers.map(defuseCell), data }, { newline: '\r\n', quotes: false }) + '\r\n';
}

/** "Customer ID", "customer_id" and "customerId" all become "customerid", for header matching. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_\-()%.]/g, '');
}
