import { basename } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/envelope';

/**
 * Bounds of a CSV file, checked before it is parsed: a spreadsheet of records never comes near
 * them, and each keeps a hostile file (one line of millions of columns) from costing gigabytes.
 */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;
export const MAX_CSV_COLUMNS = 1_000;
export const MAX_CSV_LINE_CHARS = 1 << 20;

const QUOTE = 0x22;
const LF = 0x0a;

export function refuseCsv(path: string, reason: string): ServiceError {
  return new ServiceError('refused', `${basename(path)}: ${reason}; nothing was changed.`);
}

export function checkCsvSize(path: string, size: number): void {
  if (size > MAX_CSV_BYTES)
    throw new ServiceError(
      'refused',
      `${basename(path)} is ${Math.round(size / 1048576)} MB; a CSV import takes at most ${MAX_CSV_BYTES >> 20} MB.`,
    );
}

/** The file's text: strict enough to say when a spreadsheet saved it in another character set. */
export function decodeCsv(path: string, bytes: Uint8Array): string {
  checkCsvSize(path, bytes.length);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) {
    throw new ServiceError(
      'refused',
      `${basename(path)} is not UTF-8 text. Save it again as "CSV UTF-8" (LibreOffice: Character set "Unicode (UTF-8)").`,
    );
  }
  return text;
}

/**
 * Why the text cannot be a sheet of records, or null: a record (a line, with the line breaks
 * inside its quoted cells) of more than MAX_CSV_COLUMNS cells or MAX_CSV_LINE_CHARS characters.
 * One pass, quotes followed as the parser follows them.
 */
export function csvShapeProblem(text: string, delimiter: string): string | null {
  const separator = delimiter.charCodeAt(0);
  let quoted = false;
  let start = 0;
  let columns = 1;
  let line = 1;
  let recordLine = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) quoted = !quoted;
    else if (code === LF) {
      line += 1;
      if (!quoted) {
        start = index + 1;
        columns = 1;
        recordLine = line;
      }
    } else if (code === separator && !quoted && ++columns > MAX_CSV_COLUMNS)
      return `line ${recordLine} has more than ${MAX_CSV_COLUMNS.toLocaleString('en')} columns`;
    if (index - start >= MAX_CSV_LINE_CHARS) return `line ${recordLine} is longer than ${MAX_CSV_LINE_CHARS >> 20} MB`;
  }
  return null;
}
