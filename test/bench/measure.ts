import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDatabase } from '../harness/fixtures';

/** One figure of bench-results.json (docs/ARCHITECTURE.md#bench). */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  pass: boolean;
};

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Runs `work` `runs` times (after `warmup` unmeasured runs) and returns the durations in ms. */
export async function timeRuns(runs: number, work: (run: number) => unknown, warmup = 0): Promise<number[]> {
  for (let run = 0; run < warmup; run += 1) await work(-1 - run);
  const durations: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await work(run);
    durations.push(performance.now() - start);
  }
  return durations;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A figure with an absolute limit ("≤ 16.7 ms"). */
export function absolute(name: string, value: number, unit: string, limit: number | null, smoke: boolean): BenchResult {
  return {
    name,
    value: round(value),
    unit,
    ...(limit === null ? {} : { target: `≤ ${limit} ${unit}` }),
    pass: smoke || limit === null || value <= limit,
  };
}

/** A figure judged as a ratio to a raw baseline measured in the same run ("≤ 2× raw"). */
export function relative(
  name: string,
  value: number,
  unit: string,
  baseline: number,
  maxRatio: number | null,
  smoke: boolean,
): BenchResult {
  const ratio = baseline > 0 ? value / baseline : 0;
  return {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(ratio),
    ...(maxRatio === null ? {} : { target: `≤ ${maxRatio}× baseline` }),
    pass: smoke || maxRatio === null || ratio <= maxRatio,
  };
}

export function printTable(results: readonly BenchResult[]): string {
  const header = '| figure | value | baseline | ratio | target | pass |\n| --- | ---: | ---: | ---: | --- | --- |';
  const rows = results.map(
    (result) =>
      `| ${result.name} | ${result.value} ${result.unit} | ${result.baseline ?? ''} | ${result.ratio ?? ''} | ${result.target ?? ''} | ${result.pass ? 'yes' : 'NO'} |`,
  );
  return [header, ...rows].join('\n');
}

/** Fresh copies of the bench database in `work` (`name`.sqlite, replaced if there), so no figure writes to the source. */
export function copier(source: string, work: string): (name: string) => string {
  return (name) => {
    const path = join(work, `${name}.sqlite`);
    removeDatabase(path);
    copyFileSync(source, path);
    return path;
  };
}
