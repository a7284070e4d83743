import { Worker } from 'node:worker_threads';
import { ServiceError, type ErrorCode } from '../../src-shared/ipc/envelope';
import { workerScript } from '../workerScript';
import { refuse, type ParseLimits } from './document';
import type { ScanSink } from './scan';

/** One call the scanner made, by name, with its arguments. */
export type ScanEvent = readonly [name: Exclude<keyof ScanSink, 'bodyText'>, ...args: string[]];
export type ScanJob = {
  readonly path: string;
  readonly limits: ParseLimits;
  readonly credit: SharedArrayBuffer;
  readonly ahead: number;
};
export type ScanMessage =
  | { readonly events: readonly ScanEvent[] }
  | { readonly done: string | null }
  | { readonly error: { readonly code: ErrorCode | null; readonly message: string } };

/** Pieces (512 KB of text each) the reading thread may run ahead of the parsing one. */
const AHEAD = 4;
/** Credit enough for any file: set when this side stops listening. */
const STOP = 2 ** 30;
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 };

/**
 * Reads, decodes and scans a snapshot file on a thread of its own and hands what the scanner
 * finds to `sink` on this one, in file order, as it comes: the rows' parsing, checks, merge and
 * writes here overlap with the reading, unpacking, scanning and checksumming there. Resolves with the SHA-256
 * of the body's text (null when the body was no object: `entry` had it whole). A refusal reads
 * as when the scan runs in this thread; a throw from `sink` stops the reading thread and
 * rejects with it.
 */
export function scanOnThread(path: string, limits: ParseLimits, sink: ScanSink): Promise<string | null> {
  const { url, execArgv } = workerScript(import.meta.url, 'scanWorker', 'snapshot reader');
  const credit = new Int32Array(new SharedArrayBuffer(8));
  const job: ScanJob = { path, limits, credit: credit.buffer, ahead: AHEAD };
  // Its heap is capped: it holds a piece of text or two, and collecting its young garbage often
  // keeps it from adding much to an import's peak memory.
  const worker = new Worker(url, { workerData: job, resourceLimits: WORKER_LIMITS, ...(execArgv ? { execArgv } : {}) });
  return new Promise<string | null>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, digest: string | null = null) => {
      if (settled) return;
      settled = true;
      if (error === null) resolve(digest);
      else {
        // Woken from its wait for credit (if it waits), it is stopped.
        Atomics.store(credit, 1, STOP);
        Atomics.notify(credit, 1);
        void worker.terminate();
        reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      }
    };
    worker.on('message', (message: ScanMessage) => {
      if (settled) return;
      try {
        if ('events' in message) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (TS2556)
          for (const [name, ...args] of message.events) (sink[name] as (...values: string[]) => void)(...args);
          Atomics.add(credit, 1, 1);
          Atomics.notify(credit, 1);
        } else if ('done' in message) {
          settle(null, message.done);
        } else {
          const { code, message: text } = message.error;
          settle(code === null ? new Error(text) : new ServiceError(code, text));
        }
      } catch (error) {
        settle(error);
      }
    });
    // Out of its memory, it was holding one value of hundreds of megabytes whole: no snapshot has one.
    worker.on('error', (error) =>
      settle(
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? refuse('it holds a single value too large to read (damaged, or not a snapshot).')
          : error,
      ),
    );
    worker.on('exit', (code) =>
      settle(
        new ServiceError(
          'internal',
          `The snapshot reader stopped (exit ${code}) before the end of the file; nothing was changed.`,
        ),
      ),
    );
  });
}
