import { runCli } from '../../src-main/cli';

/**
 * One heavy task in a process of its own, so its peak memory is its own:
 * `tsx test/bench/task.ts export DB OUT` or `import DB SNAPSHOT`. Prints { ms, peakMb, exit }.
 */
const [task, db, file] = process.argv.slice(2);
let said = '';
const quiet = { out: () => undefined, err: (text: string) => void (said += text) };
const start = performance.now();
const args =
  task === 'export'
    ? ['export', '--db', db ?? '', '--out', file ?? '']
    : ['import', '--db', db ?? '', file ?? '', '--yes'];
const exit = await runCli(args, quiet);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, exit, said: said.trim().slice(-300) }));
