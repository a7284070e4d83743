/**
 * A push scanner for the shape of a snapshot document, `{"format":…,"header":{…},"body":{"customers":[{…},…],…}}`,
 * fed text in pieces of any size. It checks the JSON grammar of the two outer levels itself and
 * hands every other value (a top-level entry, each row of a table) out as its own text, to be
 * JSON.parsed one at a time: a 400 MB file is never one string, nor one parsed value. Only the
 * current unfinished value is kept between pieces.
 */
export type ScanSink = {
  /** A top-level entry other than an object-valued "body", as its JSON text. */
  readonly entry: (key: string, text: string) => void;
  /** The body's object begins; `table` and `row` follow until `bodyEnd`. */
  readonly bodyStart: () => void;
  /** A body entry whose value is an array: its rows follow. */
  readonly table: (key: string) => void;
  /** Some rows of a table as the text of a JSON array, `[{…},{…}]`, in file order. */
  readonly rows: (table: string, text: string) => void;
  /** A body entry whose value is not an array, as its JSON text. */
  readonly bodyEntry: (key: string, text: string) => void;
  readonly bodyEnd: () => void;
  /** The whole text of a document that is not an object, at its end. */
  readonly other: (text: string) => void;
  /** The body's own text (its exact characters), piece by piece, for its checksum. */
  readonly bodyText: (piece: string) => void;
};

/** A grammar error: the caller words it as "not valid JSON". */
export class ScanError extends Error {}
/** Text no snapshot holds, too much of it to keep reading: the message says what, for the refusal. */
export class ScanLimit extends Error {}

/**
 * What the scanner keeps of text it has not handed out is bounded, so each piece costs what it
 * holds and a whole read is linear. Blank space: an exported file has none (its body's checksum
 * is over text with no whitespace), a hand-formatted one a line's worth.
 */
export const MAX_BLANK_CHARS = 1 << 20;
/** One record, entry or key: the largest real one (a customer with many long custom fields) is some hundred KB. */
export const MAX_VALUE_CHARS = 4 << 20;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/** Where the scanner is in the outer grammar. `level` 0 is the document object, 1 the body, 2 a table. */
type Expect = 'other' | 'document' | 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end' | 'rows' | 'done';

/**
 * Skips everything but braces, brackets and an unfinished string; strings are skipped whole
 * (escapes included). One match runs from one structural character to the next, so a flat row
 * costs a single match; V8 compiles it to native code.
 */
const SKIP = /(?:[^"{}[\]]+|"[^"\\]*(?:\\[^][^"\\]*)*")*/y;
const WHITESPACE = /^[ \t\n\r]*/;
const BLANK = /[ \t\n\r]*/y;
/**
 * Rows are handed out in batches of about this much text: the rows of one batch are parsed,
 * merged and dropped while they are young, so the garbage collector frees them cheaply (the
 * rows of a whole 4 MB piece outlived the young generation and piled up in the old one).
 */
const ROW_BATCH_CHARS = 1 << 16;

export class SnapshotScanner {
  private text = '';
  private at = 0;
  private expect: Expect = 'document';
  private level = 0;
  private key = '';
  private table = '';
  private readonly keys: Set<string>[] = [new Set(), new Set()];
  /** Start of the body's text in `text`, while its characters still have to be checksummed. */
  private bodyFrom = -1;
  // A value being captured: where it began, and the resumable state of its scan.
  private valueFrom = -1;
  private depth = 0;
  private inString = false;
  private scanAt = 0;
  // The rows of a table: how deep the scan is, where it stopped, where the last whole row ends, and whether rows were handed out yet.
  private rowDepth = 0;
  private rowScan = 0;
  private rowEnd = 0;
  private firstRows = true;
  /** Where the next backslash is (memoised: strings rarely hold one, so it is looked for rarely). */
  private backslashAt = -2;
  /** Blank characters in a row, outside values and tables. */
  private blank = 0;

  constructor(private readonly sink: ScanSink) {}

  push(piece: string): void {
    if (this.expect === 'other') {
      this.text += piece;
      // Not an object, so no snapshot: kept whole only while it is small enough to say why precisely.
      if (this.text.length > MAX_VALUE_CHARS)
        throw new ScanLimit('it is not a Service Allocator snapshot (it is not a JSON object).');
      return;
    }
    const keep = Math.min(
      this.valueFrom >= 0 ? this.valueFrom : this.at,
      this.bodyFrom >= 0 ? this.bodyFrom : this.at,
      this.at,
    );
    if (keep > 0) {
      this.text = this.text.slice(keep) + piece;
      this.at -= keep;
      if (this.valueFrom >= 0) this.valueFrom -= keep;
      if (this.bodyFrom >= 0) this.bodyFrom -= keep;
      this.scanAt -= keep;
      this.rowScan -= keep;
      this.rowEnd -= keep;
    } else {
      this.text += piece;
    }
    this.backslashAt = -2;
    this.run(false);
    if (this.bodyFrom >= 0 && this.at > this.bodyFrom) {
      // Only what lies before any unfinished value is final; the value is hashed when it ends or with the next piece.
      const until = this.valueFrom >= 0 ? this.valueFrom : this.at;
      if (until > this.bodyFrom) {
        this.sink.bodyText(this.text.slice(this.bodyFrom, until));
        this.bodyFrom = until;
      }
    }
  }

  /** The end of the input: anything unfinished is a grammar error. */
  finish(): void {
    if (this.expect === 'other') {
      this.sink.other(this.text);
      return;
    }
    this.run(true);
    for (let index = this.at; index < this.text.length; index += 1)
      if (!isSpace(this.text.charCodeAt(index)))
        throw new ScanError(`unexpected text after the end of the document at ${index}`);
    if (this.expect !== 'done') throw new ScanError('unexpected end of the document');
  }

  private run(final: boolean): void {
    const text = this.text;
    while (this.at < text.length || (final && this.valueFrom >= 0)) {
      if (this.valueFrom >= 0) {
        if (!this.captureValue(final)) return;
        continue;
      }
      if (this.expect === 'rows') {
        if (!this.scanRows(final)) return;
        continue;
      }
      const code = text.charCodeAt(this.at);
      if (isSpace(code)) {
        BLANK.lastIndex = this.at;
        BLANK.test(text);
        this.blank += BLANK.lastIndex - this.at;
        this.at = BLANK.lastIndex;
        if (this.blank > MAX_BLANK_CHARS)
          throw new ScanLimit(`it has more than ${mb(MAX_BLANK_CHARS)} of blank space.`);
        continue;
      }
      this.blank = 0;
      if (!this.step(code)) return;
    }
  }

  /** One grammar step at a non-space character; false when more text is needed. */
  private step(code: number): boolean {
    switch (this.expect) {
      case 'document':
        if (code !== OPEN_BRACE) {
          // Not an object: kept whole (it is within the size limit) for the caller to judge at the end.
          this.expect = 'other';
          this.at = 0;
          return false;
        }
        this.at += 1;
        this.expect = 'key-or-end';
        return true;
      case 'key-or-end':
      case 'key':
        if (code === CLOSE_BRACE && this.expect === 'key-or-end') return this.closeObject();
        if (code !== QUOTE) throw new ScanError(`expected a key at ${this.at}`);
        return this.readKey();
      case 'colon':
        if (code !== COLON) throw new ScanError(`expected ":" at ${this.at}`);
        this.at += 1;
        this.expect = 'value';
        return true;
      case 'value':
        if (this.level === 0 && this.key === 'body' && code === OPEN_BRACE) {
          this.at += 1;
          this.level = 1;
          this.bodyFrom = this.at - 1;
          this.sink.bodyStart();
          this.expect = 'key-or-end';
          return true;
        }
        if (this.level === 1 && code === OPEN_BRACKET) {
          this.at += 1;
          this.level = 2;
          this.table = this.key;
          this.sink.table(this.key);
          this.expect = 'rows';
          this.rowDepth = 0;
          this.rowScan = this.at;
          this.rowEnd = this.at;
          this.firstRows = true;
          return true;
        }
        this.beginValue();
        return true;
      case 'comma-or-end':
        if (code === COMMA) {
          this.at += 1;
          this.expect = 'key';
          return true;
        }
        if (code === CLOSE_BRACE) return this.closeObject();
        throw new ScanError(`expected "," or "}" at ${this.at}`);
      case 'rows':
      case 'other':
        return false;
      case 'done':
        throw new ScanError(`unexpected text after the end of the document at ${this.at}`);
    }
  }

  private readKey(): boolean {
    const end = this.stringEnd(this.at + 1);
    if (end < 0) {
      if (this.text.length - this.at > MAX_VALUE_CHARS)
        throw new ScanLimit(`it has a key larger than ${mb(MAX_VALUE_CHARS)}.`);
      return false;
    }
    const key = JSON.parse(this.text.slice(this.at, end)) as string;
    const seen = this.keys[this.level] ?? new Set<string>();
    // JSON.parse would keep the last of two equal keys; a snapshot has no reason to repeat one.
    if (this.level < 2 && seen.has(key)) throw new ScanError(`the entry "${key}" appears twice`);
    seen.add(key);
    this.key = key;
    this.at = end;
    this.expect = 'colon';
    return true;
  }

  private closeObject(): boolean {
    this.at += 1;
    if (this.level === 1) {
      this.sink.bodyText(this.text.slice(this.bodyFrom, this.at));
      this.bodyFrom = -1;
      this.sink.bodyEnd();
      this.level = 0;
      this.expect = 'comma-or-end';
    } else {
      this.expect = 'done';
    }
    return true;
  }

  /**
   * Scans a table's rows as far as the text goes, handing out the whole rows found; true once
   * the table's closing bracket is reached.
   */
  private scanRows(final: boolean): boolean {
    const text = this.text;
    let index = this.rowScan;
    for (;;) {
      SKIP.lastIndex = index;
      SKIP.test(text);
      index = SKIP.lastIndex;
      const code = text.charCodeAt(index);
      if (index >= text.length || code === QUOTE) break;
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (this.rowDepth === 0 && index - this.rowEnd > MAX_BLANK_CHARS) throw this.strayText();
        this.rowDepth += 1;
      } else if (this.rowDepth === 0) {
        if (code !== CLOSE_BRACKET) throw new ScanError(`unexpected "}" at ${index}`);
        this.handRows(index, true);
        this.at = index + 1;
        this.level = 1;
        this.expect = 'comma-or-end';
        return true;
      } else {
        this.rowDepth -= 1;
        if (this.rowDepth === 0) {
          this.rowEnd = index + 1;
          if (this.rowEnd - this.at >= ROW_BATCH_CHARS) this.handRows(this.rowEnd, false);
        }
      }
      index += 1;
    }
    if (final) throw new ScanError('unexpected end of the document');
    // What is kept for the next piece: the text between the last whole row and the end.
    const held = text.length - this.rowEnd;
    if (this.rowDepth === 0 && held > MAX_BLANK_CHARS) throw this.strayText();
    if (held > MAX_VALUE_CHARS)
      throw new ScanLimit(`it has a record of "${this.table}" larger than ${mb(MAX_VALUE_CHARS)}.`);
    this.rowScan = index;
    this.handRows(this.rowEnd, false);
    return false;
  }

  private strayText(): ScanLimit {
    return new ScanLimit(
      `it has more than ${mb(MAX_BLANK_CHARS)} of blank space or stray text between the records of "${this.table}".`,
    );
  }

  /** Hands out the whole rows between `at` and `end` as one array text. */
  private handRows(end: number, last: boolean): void {
    let piece = this.text.slice(this.at, end);
    this.at = end;
    piece = piece.slice(WHITESPACE.exec(piece)?.[0].length ?? 0);
    if (piece === '') return;
    if (!this.firstRows) {
      if (piece.charCodeAt(0) !== COMMA) throw new ScanError('expected "," between rows');
      piece = piece.slice(1);
      if (last && piece.trim() === '') throw new ScanError('a "," before "]"');
    }
    this.firstRows = false;
    this.sink.rows(this.table, `[${piece}]`);
  }

  private beginValue(): void {
    this.valueFrom = this.at;
    this.scanAt = this.at;
    this.depth = 0;
    this.inString = false;
  }

  /** Scans the value begun at `valueFrom` as far as the text goes; true once it is complete and handed out. */
  private captureValue(final: boolean): boolean {
    const text = this.text;
    const length = text.length;
    let index = this.scanAt;
    const first = text.charCodeAt(this.valueFrom);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE) {
      // A number or a literal: it ends at the next delimiter (JSON.parse judges it).
      while (index < length) {
        const code = text.charCodeAt(index);
        if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isSpace(code)) break;
        index += 1;
      }
      if (index === length && !final) {
        this.scanAt = index;
        this.checkValueSize();
        return false;
      }
      return this.endValue(index);
    }
    while (index < length) {
      if (this.inString) {
        const end = this.stringEnd(index);
        if (end < 0) {
          // Resume at the string's start: a resumed scan must not begin inside an escape.
          this.scanAt = index;
          if (final) throw new ScanError('unexpected end of the document');
          this.checkValueSize();
          return false;
        }
        this.inString = false;
        index = end;
        if (this.depth === 0) return this.endValue(index);
        continue;
      }
      const code = text.charCodeAt(index);
      index += 1;
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth += 1;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.depth -= 1;
        if (this.depth === 0) return this.endValue(index);
      }
    }
    this.scanAt = index;
    if (final) throw new ScanError('unexpected end of the document');
    this.checkValueSize();
    return false;
  }

  /** An unfinished value is kept whole for the next piece: only while it could be real. */
  private checkValueSize(): void {
    if (this.text.length - this.valueFrom > MAX_VALUE_CHARS)
      throw new ScanLimit(`the entry "${this.key}" is larger than ${mb(MAX_VALUE_CHARS)}.`);
  }

  private endValue(end: number): boolean {
    const value = this.text.slice(this.valueFrom, end);
    this.valueFrom = -1;
    this.at = end;
    if (this.level === 1) this.sink.bodyEntry(this.key, value);
    else this.sink.entry(this.key, value);
    this.expect = 'comma-or-end';
    return true;
  }

  /** The index just past the closing quote of the string whose content starts at `from`, or -1 if the text ends first. */
  private stringEnd(from: number): number {
    const text = this.text;
    let index = from;
    for (;;) {
      const quote = text.indexOf('"', index);
      if (quote < 0) return -1;
      if (this.backslashAt !== -1 && this.backslashAt < index) this.backslashAt = text.indexOf('\\', index);
      if (this.backslashAt === -1 || this.backslashAt > quote) return quote + 1;
      // An escape before the quote: skip the escaped character and look again.
      if (this.backslashAt + 1 >= text.length) return -1;
      index = this.backslashAt + 2;
    }
  }
}

function mb(chars: number): string {
  return `${chars / (1 << 20)} MB`;
}
