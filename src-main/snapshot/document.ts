import { createHash, type Hash } from 'node:crypto';
import type { z } from 'zod';
import { ServiceError } from '../../src-shared/ipc/envelope';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  snapshotBodySchema,
  snapshotCustomerSchema,
  snapshotCustomerUserSchema,
  snapshotCustomFieldSchema,
  snapshotDefaultServiceSchema,
  snapshotHeaderSchema,
  snapshotServiceSchema,
  snapshotTables,
  snapshotUserLinkSchema,
  type SnapshotCounts,
  type SnapshotHeader,
  type SnapshotTable,
} from '../../src-shared/snapshot/format';
import { checkAssignment } from './checks';
import type { Row } from './merge';
import { ScanError, ScanLimit, SnapshotScanner, type ScanSink } from './scan';

export type ParseLimits = { readonly maxBytes?: number; readonly maxTextBytes?: number };

/** What the file says about itself, once its format, version and header are known good. */
export type SnapshotHead = {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly formatVersion: number;
  readonly header: SnapshotHeader;
};

/**
 * Receives a snapshot as it is read: its head when the body begins (the header comes first in
 * every file this app writes), then each row, schema-valid with defaults filled in, in file
 * order. A row may arrive before a later part of the file turns out damaged: a reader keeps its
 * effects to itself until `readSnapshot…` returns.
 */
export type RowReader = {
  readonly head: (head: SnapshotHead) => void;
  readonly row: (table: SnapshotTable, row: Row, index: number) => void;
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ROWS = 5_000_000;
const tables: ReadonlySet<string> = new Set(snapshotTables);

export function refuse(reason: string): ServiceError {
  return new ServiceError('refused', `This snapshot was refused: ${reason} Nothing was changed.`);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function issue(error: z.ZodError, where: string): string {
  const first = error.issues[0];
  const path = first
    ? first.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    : '';
  return `${where}${path}: ${first?.message ?? 'invalid'}.`;
}

/** Deeper than any snapshot nests (a customer's custom fields sit at depth 3). */
const MAX_DEPTH = 64;

type Visit = { readonly value: object; readonly depth: number; readonly parent: Visit | null; readonly key: string };

/** Where a visited value sits, as `.customFields.a[0]`: the first steps only, since it may be 64 deep. */
function pathOf(visit: Visit): string {
  const steps: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) steps.push(at.key);
  steps.reverse();
  return steps.length > 8 ? `${steps.slice(0, 8).join('')}…` : steps.join('');
}

/**
 * Why a parsed value cannot be trusted, or null: a key that could reach an object's prototype,
 * or nesting no snapshot has. Walked with a stack of its own, not by recursion: JSON.parse takes
 * a million levels, a recursive walk does not.
 */
function untrusted(value: unknown, where: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: Visit[] = [{ value, depth: 1, parent: null, key: '' }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    if (visit.depth > MAX_DEPTH) return `it is nested deeper than ${MAX_DEPTH} levels at ${where}${pathOf(visit)}.`;
    const children: Visit[] = [];
    const add = (child: unknown, key: string) => {
      if (child !== null && typeof child === 'object')
        children.push({ value: child, depth: visit.depth + 1, parent: visit, key });
    };
    if (Array.isArray(visit.value)) visit.value.forEach((child, index) => add(child, `[${index}]`));
    else {
      for (const key of Object.keys(visit.value)) {
        if (FORBIDDEN_KEYS.has(key)) return `it contains the forbidden key "${key}".`;
        add((visit.value as Record<string, unknown>)[key], `.${key}`);
      }
    }
    // Pushed last first, so the walk keeps file order; one at a time, as a spread of a million would overflow.
    for (let child = children.pop(); child; child = children.pop()) stack.push(child);
  }
  return null;
}

function parseValue(text: string, where: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse(`it is not valid JSON, probably truncated or damaged (${(error as Error).message}).`);
  }
  const reason = untrusted(value, where);
  if (reason) throw refuse(reason);
  return value;
}

/** Runs a step of the scanner, wording a grammar error as the refusal of a damaged file. */
export function scanning(step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof ScanLimit) throw refuse(error.message);
    throw error instanceof ScanError
      ? refuse(`it is not valid JSON, probably truncated or damaged (${error.message}).`)
      : error;
  }
}

const rowSchemas = {
  customers: snapshotCustomerSchema,
  services: snapshotServiceSchema,
  customFields: snapshotCustomFieldSchema,
  customerUsers: snapshotCustomerUserSchema,
  userLinks: snapshotUserLinkSchema,
  defaultServices: snapshotDefaultServiceSchema,
} as const;

/**
 * Follows one document through the scanner: entries, rows, the body's checksum, and the checks
 * in the order docs/ARCHITECTURE.md#the-snapshot-format gives them. A body that is damaged or fails its schema is reported
 * only after its checksum: an edited file says "edited", whatever the edit broke.
 */
export class DocumentReader {
  readonly scanner: SnapshotScanner;
  private readonly entries = new Map<string, unknown>();
  private readonly hash: Hash = createHash('sha256');
  private readonly counts = new Map<string, number>();
  private readonly odd = new Map<string, unknown>();
  private head: SnapshotHead | null = null;
  private bodyIssue: string | null = null;

  /** What the scanner hands out; fed by `push` here, or by a scan run elsewhere (scanWorker.ts, which checksums the body text itself). */
  readonly sink: ScanSink;

  constructor(private readonly reader: RowReader) {
    this.sink = {
      entry: (key, text) => {
        if (FORBIDDEN_KEYS.has(key)) throw refuse(`it contains the forbidden key "${key}".`);
        const value = parseValue(text, key);
        if (key === 'body') {
          this.hash.update(JSON.stringify(value) ?? 'null', 'utf8');
          this.odd.set('', value);
        }
        this.entries.set(key, value);
      },
      bodyStart: () => {
        this.head = this.checkHead(true);
        this.reader.head(this.head);
        this.entries.set('body', true);
      },
      table: (key) => {
        if (FORBIDDEN_KEYS.has(key)) throw refuse(`it contains the forbidden key "${key}".`);
        this.counts.set(key, 0);
        if (!tables.has(key)) this.odd.set(key, []);
      },
      rows: (table, text) => {
        let values: unknown;
        try {
          values = JSON.parse(text);
        } catch (error) {
          throw refuse(`it is not valid JSON, probably truncated or damaged (${(error as Error).message}).`);
        }
        for (const value of values as unknown[]) this.row(table, value);
      },
      bodyEntry: (key, text) => {
        if (FORBIDDEN_KEYS.has(key)) throw refuse(`it contains the forbidden key "${key}".`);
        this.odd.set(key, parseValue(text, `body.${key}`));
      },
      bodyEnd: () => undefined,
      other: (text) => {
        const value = parseValue(text, '');
        if (value === null || typeof value !== 'object' || Array.isArray(value))
          throw refuse('it is not a Service Allocator snapshot.');
      },
      bodyText: (piece) => this.hash.update(piece, 'utf8'),
    };
    this.scanner = new SnapshotScanner(this.sink);
  }

  private row(table: string, value: unknown): void {
    const index = this.counts.get(table) ?? 0;
    this.counts.set(table, index + 1);
    // The hot path: a row the hand check accepts has only known keys, so no forbidden one.
    const checked =
      table === 'assignments' && this.bodyIssue === null && index < MAX_ROWS ? checkAssignment(value) : null;
    if (checked) return this.reader.row('assignments', checked, index);
    const reason = untrusted(value, `body.${table}[${index}]`);
    if (reason) throw refuse(reason);
    if (this.bodyIssue !== null || !tables.has(table)) return;
    if (index >= MAX_ROWS) {
      this.bodyIssue = `body.${table}: Too big: expected array to have <=${MAX_ROWS} items.`;
      return;
    }
    const name = table as SnapshotTable;
    const parsed = (name === 'assignments' ? snapshotBodySchema.shape.assignments.element : rowSchemas[name]).safeParse(
      value,
    );
    if (!parsed.success) this.bodyIssue = `a record is invalid: ${issue(parsed.error, `body.${table}[${index}]`)}`;
    else this.reader.row(name, parsed.data, index);
  }

  private checkHead(atBody = false): SnapshotHead {
    const format = this.entries.get('format');
    if (format !== SNAPSHOT_FORMAT)
      throw refuse('it is not a Service Allocator snapshot (its "format" is missing or different).');
    const version = this.entries.get('formatVersion');
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      throw refuse('its format version is missing or not a whole number.');
    if (version > SNAPSHOT_FORMAT_VERSION) {
      throw refuse(
        `it was written by a newer version of Service Allocator (format ${version}; this version reads up to ${SNAPSHOT_FORMAT_VERSION}). Update the app to import it.`,
      );
    }
    const extra = [...this.entries.keys()].filter(
      (key) => !['format', 'formatVersion', 'header', 'body'].includes(key),
    );
    if (extra.length > 0) throw refuse(`it has unknown top-level entries (${extra.slice(0, 3).join(', ')}).`);
    if (!this.entries.has('header') && atBody)
      throw refuse('it is not a Service Allocator snapshot (its header must come before its body).');
    const header = snapshotHeaderSchema.safeParse(this.entries.get('header'));
    if (!header.success) throw refuse(`its header is invalid: ${issue(header.error, 'header')}`);
    return { format: SNAPSHOT_FORMAT, formatVersion: version, header: header.data };
  }

  push(text: string): void {
    scanning(() => this.scanner.push(text));
  }

  /**
   * The checks that need the whole file, in order; returns the head and the row counts. After a
   * scan run elsewhere, `bodyDigest` is the SHA-256 of the body text it saw (null when the body
   * was a value of its own, checksummed here).
   */
  finish(bodyDigest?: string | null): { head: SnapshotHead; counts: SnapshotCounts } {
    if (bodyDigest === undefined) scanning(() => this.scanner.finish());
    // A body that is not an object still goes through the same checks, in the same order.
    const head = this.checkHead();
    if ((bodyDigest ?? this.hash.digest('hex')) !== head.header.bodySha256)
      throw refuse('its content does not match its SHA-256 checksum (the file was damaged or edited).');
    if (this.bodyIssue !== null) throw refuse(this.bodyIssue);
    if (this.odd.size > 0 || snapshotTables.some((table) => !this.counts.has(table))) {
      // The body's shape is wrong (an entry missing, unknown or not a list): zod words it.
      const standIn = this.odd.has('')
        ? this.odd.get('')
        : {
            ...Object.fromEntries(snapshotTables.filter((table) => this.counts.has(table)).map((table) => [table, []])),
            ...Object.fromEntries(this.odd),
          };
      const body = snapshotBodySchema.safeParse(standIn);
      if (!body.success) throw refuse(`a record is invalid: ${issue(body.error, 'body')}`);
    }
    const counts = Object.fromEntries(
      snapshotTables.map((table) => [table, this.counts.get(table) ?? 0]),
    ) as SnapshotCounts;
    return { head, counts };
  }
}
