import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_TEXT_BYTES, type SnapshotCounts } from '../../src-shared/snapshot/format';
import { DocumentReader, megabytes, refuse, type ParseLimits, type RowReader, type SnapshotHead } from './document';
import { scanOnThread } from './scanThread';

export { refuse, type ParseLimits, type RowReader, type SnapshotHead } from './document';

/**
 * The file is read in pieces of this many bytes: below the size (about 1 MB) from which Node
 * makes a decoded string external, held outside the heap until a full collection.
 */
const PIECE_BYTES = 1 << 19;

/**
 * A compressed snapshot unpacks to at most this many times its size, plus a little: its rows hold
 * random ids and stamps (the sample data packs about 12 times). A file that unpacks far more is
 * made to exhaust the reader, and is refused as soon as it does, however big it would unpack.
 */
const MAX_PACKING = 200;
const PACKING_SLACK = 1 << 20;

function packedTooTightly(): ServiceError {
  return refuse(
    `it unpacks to more than ${MAX_PACKING} times its size, which no snapshot does (damaged, or made to exhaust memory).`,
  );
}

/** A gzip file starts with these two bytes. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Strict UTF-8 in pieces: each piece is cut before a character its end splits, checked with
 * isUtf8 and decoded (as latin1 when it is all ASCII, the cheapest string there is). A leading
 * byte order mark is dropped, as TextDecoder does.
 */
function decoder(): (bytes: Uint8Array | null) => string {
  let carry: Uint8Array = new Uint8Array(0);
  let first = true;
  const bad = () => refuse('it is not UTF-8 text (damaged, or not a snapshot).');
  return (bytes) => {
    if (bytes === null) {
      if (carry.length > 0) throw bad();
      return '';
    }
    const all =
      carry.length > 0 ? Buffer.concat([carry, bytes]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let cut = all.length;
    // Back up over continuation bytes (10xxxxxx) to the start of the last character; keep it if it is incomplete.
    let back = cut - 1;
    while (back >= 0 && back >= cut - 4 && ((all[back] ?? 0) & 0xc0) === 0x80) back -= 1;
    if (back >= 0) {
      const lead = all[back] ?? 0;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (cut - back < need) cut = back;
    }
    const piece = all.subarray(0, cut);
    carry = Uint8Array.from(all.subarray(cut));
    if (!isUtf8(piece)) throw bad();
    let text = isAscii(piece) ? piece.toString('latin1') : piece.toString('utf8');
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    return text;
  };
}

/**
 * Reads a snapshot held in memory (a dropped file, a test): size, decompression, strict UTF-8,
 * then the same streamed checks as a file.
 */
export function readSnapshotBytes(
  bytes: Uint8Array,
  reader: RowReader,
  limits: ParseLimits = {},
): { head: SnapshotHead; counts: SnapshotCounts } {
  const maxBytes = limits.maxBytes ?? MAX_SNAPSHOT_BYTES;
  const maxText = limits.maxTextBytes ?? MAX_SNAPSHOT_TEXT_BYTES;
  if (bytes.length === 0) throw refuse('the file is empty.');
  if (bytes.length > maxBytes)
    throw refuse(`the file is ${megabytes(bytes.length)}; snapshots up to ${megabytes(maxBytes)} are accepted.`);
  let raw = bytes;
  if (isGzip(bytes)) {
    const packing = MAX_PACKING * bytes.length + PACKING_SLACK;
    try {
      raw = gunzipSync(bytes, { maxOutputLength: Math.min(maxText, packing) });
    } catch (error) {
      const tooBig =
        (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
        /larger than|maxOutputLength/i.test(String(error));
      if (!tooBig) throw refuse('the compressed file is damaged or truncated.');
      throw packing < maxText ? packedTooTightly() : refuse(`it unpacks to more than ${megabytes(maxText)}.`);
    }
  }
  if (raw.length > maxText)
    throw refuse(`its content is ${megabytes(raw.length)}; up to ${megabytes(maxText)} is accepted.`);
  const decode = decoder();
  const document = new DocumentReader(reader);
  for (let start = 0; start < raw.length; start += PIECE_BYTES)
    document.push(decode(raw.subarray(start, start + PIECE_BYTES)));
  document.push(decode(null));
  return document.finish();
}

/**
 * Reads a snapshot file as a stream: the file is never held whole, in bytes, text or values.
 * The body's checksum is taken over the file's own body text as it passes.
 */
export async function readSnapshotPath(
  path: string,
  reader: RowReader,
  limits: ParseLimits = {},
): Promise<{ head: SnapshotHead; counts: SnapshotCounts }> {
  const document = new DocumentReader(reader);
  return document.finish(await scanOnThread(path, limits, document.sink));
}

/**
 * Reads a snapshot file's text piece by piece, checked for size, unpacked when it is gzip and
 * decoded as strict UTF-8, into `push`; the last piece is the empty string.
 */
export async function feedSnapshotPath(path: string, limits: ParseLimits, push: (text: string) => void): Promise<void> {
  const maxBytes = limits.maxBytes ?? MAX_SNAPSHOT_BYTES;
  const maxText = limits.maxTextBytes ?? MAX_SNAPSHOT_TEXT_BYTES;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ServiceError('not-found', `Cannot read ${path}: ${(error as Error).message}`);
  }
  if (size === 0) throw refuse('the file is empty.');
  if (size > maxBytes)
    throw refuse(`the file is ${megabytes(size)}; snapshots up to ${megabytes(maxBytes)} are accepted.`);
  const decode = decoder();
  let unpacked = 0;
  const gzip = isGzip(await peek(path));
  if (gzip) {
    const file = createReadStream(path, { highWaterMark: PIECE_BYTES });
    const gunzip = createGunzip({ chunkSize: 1 << 16 });
    let packed = 0;
    file.on('data', (chunk) => (packed += chunk.length));
    file.pipe(gunzip);
    file.on('error', (error) => gunzip.destroy(error));
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        if (unpacked > maxText) throw refuse(`it unpacks to more than ${megabytes(maxText)}.`);
        // Against what was read so far: a bomb is stopped at its first pieces, not at its end.
        if (unpacked > MAX_PACKING * packed + PACKING_SLACK) throw packedTooTightly();
        push(decode(chunk));
      }
    } catch (error) {
      gunzip.destroy();
      file.destroy();
      if (error instanceof ServiceError) throw error;
      throw refuse('the compressed file is damaged or truncated.');
    }
  } else {
    if (size > maxText) throw refuse(`its content is ${megabytes(size)}; up to ${megabytes(maxText)} is accepted.`);
    // One buffer for every piece: each is decoded into a string at once, so no piece waits for the garbage collector.
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(PIECE_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, PIECE_BYTES, null);
        if (bytesRead === 0) break;
        push(decode(buffer.subarray(0, bytesRead)));
      }
    } finally {
      await handle.close();
    }
  }
  push(decode(null));
}

async function peek(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buffer, 0, 2, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
