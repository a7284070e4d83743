import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { removeDatabase, sampleDatabase } from '../harness/fixtures';
import { absolute, copier, median, printTable, relative, timeRuns, type BenchResult } from './measure';
import {
  rawInsertAssignments,
  rawReadServiceCustomers,
  rawReplaceServiceCustomers,
  rawSerialise,
  topService,
} from './raw';

/**
 * `npm run bench`: the large sample (100,000 customers, 2,000 services, 1,000,000 assignments),
 * each figure a median over several runs and, where it has one, a ratio to a raw better-sqlite3
 * baseline taken in the same run. `--smoke` runs tiny sizes once with no thresholds (part of npm test).
 */
const smoke = process.argv.includes('--smoke');
const sizes = smoke
  ? { customers: 2_000, services: 100, assignments: 20_000 }
  : { customers: 100_000, services: 2_000, assignments: 1_000_000 };
const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
const runs = smoke ? 1 : Number(runsArg?.slice('--runs='.length) ?? 3);
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'sa-bench-'));
const source = join(work, 'source.sqlite');
const results: BenchResult[] = [];
const stamp = '001763776000000:000000:00000000-0000-4000-8000-000000000000';
const log = (text: string) => console.log(`bench: ${text}`);

/** Runs one snapshot task in its own process and returns its time, peak memory and exit status. */
function task(name: 'export' | 'import', db: string, file: string): { ms: number; peakMb: number; exit: number } {
  const output = execFileSync('npx', ['tsx', join(root, 'test/bench/task.ts'), name, db, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    peakMb: number;
    exit: number;
    said: string;
  };
  if (result.exit > 1) throw new Error(`${name} refused (exit ${result.exit}): ${result.said}`);
  return result;
}

type AppFigures = { results: BenchResult[]; save?: { name: string; ms: number }; peakMb: number };

/** The app's figures (test/bench/app.ts) in a process of its own, with that process's peak memory. */
function appFigures(database: string): AppFigures {
  const output = execFileSync('npx', ['tsx', join(root, 'test/bench/app.ts'), database, String(runs), String(smoke)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as AppFigures;
}

const copyOfSource = copier(source, work);

try {
  log(
    `generating the sample (${sizes.customers} customers, ${sizes.services} services, ${sizes.assignments} assignments)…`,
  );
  await sampleDatabase(source, sizes);

  // Raw baselines. This machine's speed drifts over minutes, so the two that figures are compared
  // with are taken on both sides of them (`runs` times each side) and their median used.
  const pairs = (() => {
    const db = new BetterSqlite3(source, { readonly: true });
    try {
      return db
        .prepare('SELECT customer_id, service_id FROM assignment ORDER BY customer_id, service_id')
        .raw()
        .all() as [string, string][];
    } finally {
      db.close();
    }
  })();
  /** A copy of the source for raw work, in WAL mode with a 256 MiB page cache (as every baseline here was taken). */
  const rawCopy = (name: string) => {
    const db = new BetterSqlite3(copyOfSource(name));
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -262144');
    return db;
  };
  const rawInsertRuns = (): number[] =>
    Array.from({ length: runs }, (_, run) => {
      const db = rawCopy(`raw-insert-${run}`);
      try {
        db.exec('DELETE FROM assignment');
        const start = performance.now();
        rawInsertAssignments(db, pairs, stamp);
        return performance.now() - start;
      } finally {
        db.close();
        removeDatabase(db.name);
      }
    });
  const rawDb = rawCopy('raw');
  const top = topService(rawDb);
  const topCustomers = rawDb
    .prepare('SELECT customer_id FROM assignment WHERE service_id = ? ORDER BY customer_id')
    .raw()
    .all(top.id)
    .flat() as string[];
  const rawReplaceRuns = () => timeRuns(runs, () => rawReplaceServiceCustomers(rawDb, top.id, topCustomers, stamp));
  const insertRuns = rawInsertRuns();
  log(`raw insert ${Math.round(median(insertRuns))} ms`);
  const replaceRuns = await rawReplaceRuns();
  const rawRead = median(await timeRuns(runs, () => rawReadServiceCustomers(rawDb, top.id), 1));
  const rawJson = median(await timeRuns(runs, () => rawSerialise(rawDb)));
  log('raw baselines done');

  // The app, through the harness in Chromium, in a process of its own: its peak memory is the
  // main side's (the handlers, SQLite's cache) plus the Playwright client that drives the page.
  const app = appFigures(source);
  replaceRuns.push(...(await rawReplaceRuns()));
  rawDb.close();
  const rawReplace = median(replaceRuns);
  // The save goes where the app measured it: before the renderer's peak memory.
  const memoryAt = app.results.findIndex((result) => result.name.startsWith('peak memory'));
  if (app.save)
    app.results.splice(
      memoryAt < 0 ? app.results.length : memoryAt,
      0,
      relative(app.save.name, app.save.ms, 'ms', rawReplace, 2, smoke),
    );
  results.push(...app.results);
  results.push(
    absolute(
      'peak memory: main side (process running the handlers and the Playwright client)',
      app.peakMb,
      'MB',
      600,
      smoke,
    ),
  );
  log('app figures done');

  // Snapshots, each in a process of its own (its own peak memory), through the command line.
  try {
    const snapshot = join(work, 'full.sasnap');
    const exportSource = copyOfSource('export');
    const exportRuns = Array.from({ length: runs }, () => task('export', exportSource, snapshot));
    results.push(
      relative(
        'export of the full data (snapshot file)',
        median(exportRuns.map((run) => run.ms)),
        'ms',
        rawJson,
        1.5,
        smoke,
      ),
    );
    insertRuns.push(...rawInsertRuns());
    const imports = Array.from({ length: runs }, (_, run) => {
      const empty = join(work, `import-${run}.sqlite`);
      removeDatabase(empty);
      const first = task('import', empty, snapshot);
      const again = task('import', empty, snapshot);
      removeDatabase(empty);
      return { first, again };
    });
    const rawInsert = median(insertRuns);
    log(`raw insert, both sides: ${insertRuns.map(Math.round).join(', ')} ms`);
    const importMs = median(imports.map((run) => run.first.ms));
    results.push(relative('import into an empty database', importMs, 'ms', rawInsert, 2, smoke));
    results.push(
      relative(
        're-import of the same file (nothing to do)',
        median(imports.map((run) => run.again.ms)),
        'ms',
        rawInsert,
        1,
        smoke,
      ),
    );
    const peaks = [...exportRuns, ...imports.flatMap((run) => [run.first, run.again])].map((run) => run.peakMb);
    const mb = (list: { peakMb: number }[]) => list.map((run) => Math.round(run.peakMb)).join(', ');
    log(
      `peak memory: export ${mb(exportRuns)} MB; import ${mb(imports.map((run) => run.first))} MB; re-import ${mb(imports.map((run) => run.again))} MB`,
    );
    results.push(absolute('peak memory: export and import processes (max)', Math.max(...peaks), 'MB', 600, smoke));
  } catch (error) {
    // A refusal or crash is a result too: the figure fails with the reason, the others stay.
    log(`snapshots failed: ${(error as Error).message}`);
    results.push({
      name: `snapshots: ${(error as Error).message.slice(0, 200)}`,
      value: 0,
      unit: 'ms',
      target: 'completes',
      pass: false,
    });
  }
  log('snapshots done');
  // The raw figures head the table, with every run of the baselines counted.
  results.unshift(
    absolute(
      `raw: insert ${pairs.length.toLocaleString('en-US')} assignments in one transaction`,
      median(insertRuns),
      'ms',
      null,
      smoke,
    ),
    absolute(
      `raw: replace a service's ${top.customers.toLocaleString('en-US')} customers`,
      rawReplace,
      'ms',
      null,
      smoke,
    ),
    absolute(`raw: read a service's ${top.customers.toLocaleString('en-US')} customers`, rawRead, 'ms', null, smoke),
    absolute('raw: compact JSON serialisation of the data', rawJson, 'ms', null, smoke),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = printTable(results);
console.log(`\n${table}\n`);
writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = results.filter((result) => !result.pass);
console.log(
  failed.length === 0
    ? `bench: ${results.length} figures, all within target`
    : `bench: ${failed.length} of ${results.length} figures miss their target`,
);
process.exit(0);
