import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ServiceError, type ErrorCode } from '../../src-shared/ipc/envelope';
import { workerScript } from '../workerScript';
import type { CsvRecord, CsvTable } from './csvFormat';

/** `taken` counts the chunks of records the reading side has taken; the worker runs `ahead` chunks in front. */
export type CsvJob = { readonly path: string; readonly taken: SharedArrayBuffer; readonly ahead: number };
export type CsvMessage =
  | { readonly progress: { readonly done: number; readonly total: number } }
  | { readonly records: readonly CsvRecord[] }
  | { readonly done: { readonly headers: readonly string[]; readonly delimiter: string } }
  | { readonly error: { readonly code: ErrorCode | null; readonly message: string } };

/** A file of 100 MB parses within this; a file that needs more is no spreadsheet of records. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1536 };

export function cancelled(label: string): ServiceError {
  return new ServiceError('cancelled', `${label}: cancelled; nothing was changed.`);
}

/**
 * Reads and parses a CSV file on a thread of its own (csvWorker.ts): main stays free while a big
 * file is read, `progress` hears how far it is, and `signal` stops the thread at once.
 */
export function readCsvOnThread(
  path: string,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<CsvTable> {
  const label = `Reading ${basename(path)}`;
  if (signal.aborted) return Promise.reject(cancelled(label));
  const { url, execArgv } = workerScript(import.meta.url, 'csvWorker', 'CSV reader');
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const job: CsvJob = { path, taken: taken.buffer, ahead: 2 };
  const worker = new Worker(url, { workerData: job, resourceLimits: WORKER_LIMITS, ...(execArgv ? { execArgv } : {}) });
  const records: CsvRecord[] = [];
  return new Promise<CsvTable>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, table?: CsvTable) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      if (table) resolve(table);
      else {
        // Woken from its wait (if it waits), it is stopped.
        Atomics.store(taken, 0, 2 ** 30);
        Atomics.notify(taken, 0);
        void worker.terminate();
        reject(error ?? new Error('The CSV reader ended without a table.'));
      }
    };
    const stop = () => settle(cancelled(label));
    signal.addEventListener('abort', stop);
    worker.on('message', (message: CsvMessage) => {
      if (settled) return;
      if ('progress' in message) progress(message.progress.done, message.progress.total);
      else if ('records' in message) {
        for (const record of message.records) records.push(record);
        Atomics.add(taken, 0, 1);
        Atomics.notify(taken, 0);
      } else if ('done' in message) settle(null, { ...message.done, records });
      else {
        const { code, message: text } = message.error;
        settle(code === null ? new Error(text) : new ServiceError(code, text));
      }
    });
    worker.on('error', (error) =>
      settle(
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ServiceError('refused', `${basename(path)} is too large to read as CSV; nothing was changed.`)
          : error,
      ),
    );
    worker.on('exit', (code) =>
      settle(new ServiceError('internal', `The CSV reader stopped (exit ${code}) before the end of the file.`)),
    );
  });
}
