import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src-shared/ipc/events';
import { dump, failed, ok, tempDir, testApp } from './helpers';

/** The app with its open dialog answering `file`, and the progress events it sent. */
async function csvApp(file: string) {
  const progress: Progress[] = [];
  const app = await testApp({
    platform: { chooseOpenPath: () => Promise.resolve(file), chooseSavePath: () => Promise.resolve(null) },
    emit: (event, payload) => {
      if (event === 'progress') progress.push(payload as Progress);
    },
  });
  return Object.assign(app, { progress });
}

function csvFile(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text, 'utf8');
  return path;
}

/** A customers file of `count` good lines, about 60 bytes each. */
function customers(count: number): string {
  const lines = ['Customer ID,Name,City'];
  for (let index = 0; index < count; index += 1) lines.push(`C${index},Customer number ${index},Berlin`);
  return `${lines.join('\n')}\n`;
}

describe('CSV preview of hostile or huge files', () => {
  it('refuses a header of too many columns, and a line too long, quickly and saying which', async () => {
    const wide = await csvApp(csvFile('wide.csv', `Customer ID,${'x,'.repeat(3_000_000)}Name\nA,B\n`));
    let started = performance.now();
    const columns = failed(await wide.call('csv:preview', { entity: 'customers' }));
    expect(columns.code).toBe('refused');
    expect(columns.message).toMatch(/^wide\.csv: line 1 has more than 1,000 columns; nothing was changed\.$/);
    expect(performance.now() - started).toBeLessThan(3_000);

    const cell = 'y'.repeat(2 * 1024 * 1024);
    const long = await csvApp(csvFile('long.csv', `Customer ID,Name\nA,Alpha\nB,"${cell}"\n`));
    started = performance.now();
    const line = failed(await long.call('csv:preview', { entity: 'customers' }));
    expect(line.message).toMatch(/^long\.csv: line 3 is longer than 1 MB; nothing was changed\.$/);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(dump(long, 'customer')).toEqual([]);
  });

  it('reads a big file without holding up main, with progress, and a cancel stops it', async () => {
    const path = csvFile('many.csv', customers(150_000));
    const app = await csvApp(path);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const preview = ok(await app.call('csv:preview', { entity: 'customers' }));
    delay.disable();
    expect(preview).toMatchObject({ records: 150_000, creates: 150_000, lineErrors: [], fileErrors: [] });
    // Parsing runs on a thread of its own and the check yields between chunks of lines.
    expect(delay.max / 1e6).toBeLessThan(1_000);
    const reading = app.progress.filter((event) => event.task === 'csv' && event.done < event.total);
    expect(reading.length).toBeGreaterThan(2);
    expect(reading[0]?.label).toBe('Reading many.csv');

    app.progress.length = 0;
    const cancelled = app.call('csv:preview', { entity: 'customers' });
    while (!app.progress.some((event) => event.task === 'csv' && event.done < event.total))
      await new Promise((resolve) => setTimeout(resolve, 1));
    expect(ok(await app.call('jobs:cancel', {}))).toBe(true);
    const error = failed(await cancelled);
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('Reading many.csv: cancelled; nothing was changed.');
    const after = app.progress.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.progress.length).toBe(after);
    expect(ok(await app.call('jobs:cancel', {}))).toBe(false);
    expect(dump(app, 'customer')).toEqual([]);
  });
});
