import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { scanning } from './document';
import { feedSnapshotPath } from './reader';
import { SnapshotScanner, type ScanSink } from './scan';
import type { ScanEvent, ScanJob, ScanMessage } from './scanThread';

/**
 * The thread that reads a snapshot file for scanThread.ts: it reads, unpacks, decodes and scans
 * the file and checksums the body's text, and posts what the scanner hands out, a piece of the
 * file at a time, to the thread that parses and merges the rows. It runs at most `ahead` pieces
 * in front: the file is never queued whole in memory.
 */
const { path, limits, credit: shared, ahead } = workerData as ScanJob;
const credit = new Int32Array(shared);
const port = parentPort;
if (!port) throw new Error('scanWorker.ts runs as a worker thread');

let events: ScanEvent[] = [];
const hash = createHash('sha256');
let hashed = false;
const forward =
  (name: ScanEvent[0]) =>
  (...args: string[]) =>
    void events.push([name, ...args]);
const sink: ScanSink = {
  entry: forward('entry'),
  bodyStart: forward('bodyStart'),
  table: forward('table'),
  rows: forward('rows'),
  bodyEntry: forward('bodyEntry'),
  bodyEnd: forward('bodyEnd'),
  other: forward('other'),
  bodyText: (piece) => {
    hashed = true;
    hash.update(piece, 'utf8');
  },
};
const scanner = new SnapshotScanner(sink);

/** Posts the events so far, then waits while the reading thread is `ahead` pieces behind. */
function post(): void {
  if (events.length === 0) return;
  port?.postMessage({ events } satisfies ScanMessage);
  events = [];
  const posted = Atomics.add(credit, 0, 1) + 1;
  for (;;) {
    const taken = Atomics.load(credit, 1);
    if (posted - taken <= ahead) return;
    Atomics.wait(credit, 1, taken);
  }
}

try {
  await feedSnapshotPath(path, limits, (text) => {
    scanning(() => scanner.push(text));
    post();
  });
  scanning(() => scanner.finish());
  post();
  port.postMessage({ done: hashed ? hash.digest('hex') : null } satisfies ScanMessage);
} catch (error) {
  // What was handed out before the failure goes first, as when the scan runs in one thread.
  post();
  const { message } = error as Error;
  port.postMessage({
    error: error instanceof ServiceError ? { code: error.code, message } : { code: null, message },
  } satisfies ScanMessage);
}
