import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ServiceError } from '../../src-shared/ipc/envelope';
import { guessDelimiter, parseCsv, withoutBom, type CsvRecord } from './csvFormat';
import { csvShapeProblem, decodeCsv, refuseCsv } from './csvRead';
import type { CsvJob, CsvMessage } from './csvThread';

/**
 * The thread that reads a CSV file for csvThread.ts: it decodes, bounds and parses the file and
 * posts its records in chunks, a chunk or two ahead of the thread that takes them: posted all at
 * once, they would all be unpacked there in one go, holding that thread up for seconds.
 */
const { path, taken: shared, ahead } = workerData as CsvJob;
const taken = new Int32Array(shared);
const port = parentPort;
if (!port) throw new Error('csvWorker.ts runs as a worker thread');
const post = (message: CsvMessage) => port.postMessage(message);
const CHUNK_RECORDS = 1_024;
let posted = 0;

function postRecords(records: readonly CsvRecord[]): void {
  post({ records });
  posted += 1;
  for (;;) {
    const done = Atomics.load(taken, 0);
    if (posted - done <= ahead) return;
    Atomics.wait(taken, 0, done);
  }
}

try {
  const text = withoutBom(decodeCsv(path, readFileSync(path)));
  const problem = csvShapeProblem(text, guessDelimiter(text));
  if (problem) throw refuseCsv(path, problem);
  const { headers, records, delimiter } = parseCsv(text, (done, total) => post({ progress: { done, total } }));
  for (let start = 0; start < records.length; start += CHUNK_RECORDS)
    postRecords(records.slice(start, start + CHUNK_RECORDS));
  post({ done: { headers, delimiter } });
} catch (error) {
  const { message } = error as Error;
  post({ error: error instanceof ServiceError ? { code: error.code, message } : { code: null, message } });
}
