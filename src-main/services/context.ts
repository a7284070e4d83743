import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { EventName, EventPayloads } from '../../src-shared/ipc/contract';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { Theme } from '../../src-shared/ipc/methods/settings';
import type { Connection } from '../db/connection';
import type { SnapshotFolder } from '../desktop/preferences';
import { batchMaker, type Batch, type WrittenBatch } from './batch';
import { HybridClock } from './clock';
import { SearchIndexes } from '../search/indexes';

/**
 * What only the Electron shell can do (file dialogs, native theme); the harness and the CLI
 * supply their own. `folder` names the snapshot dialogs that start where the last one ended.
 */
export type Platform = {
  chooseOpenPath(options: {
    title: string;
    extensions: readonly string[];
    folder?: SnapshotFolder;
  }): Promise<string | null>;
  chooseSavePath(options: {
    title: string;
    defaultName: string;
    extensions: readonly string[];
    folder?: SnapshotFolder;
  }): Promise<string | null>;
  applyTheme?(theme: Theme): void;
};

export const noPlatform: Platform = {
  chooseOpenPath: () => Promise.resolve(null),
  chooseSavePath: () => Promise.resolve(null),
};

export type { AuditInput, Batch, WrittenBatch } from './batch';

export type ServiceContext = {
  readonly conn: Connection;
  readonly clock: HybridClock;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly search: SearchIndexes;
  readonly platform: Platform;
  readonly appVersion: string;
  actor(): string;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** The batch this context committed last, if it wrote any event (see WrittenBatch). */
  lastBatch(): WrittenBatch | null;
  /** Runs `work` as one batch inside one transaction; audit events and the clock go in with it. */
  write<T>(entities: readonly string[], work: (batch: Batch) => T): T;
  /**
   * Long work (sample data, import) as one batch in one transaction that yields between chunks
   * so progress reaches the window; `cancelJob` rolls it back. Other writes wait their turn.
   */
  longWrite<T>(entities: readonly string[], task: string, work: (batch: Batch, job: Job) => Promise<T>): Promise<T>;
  /** Long reading work (a CSV file checked before an import): `cancelJob` aborts its signal. */
  longRead<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Cancels the long write and the long reads running; false when none was. */
  cancelJob(): boolean;
};

export type Job = {
  /** Reports progress and yields to the event loop; throws `cancelled` when the admin cancelled. */
  progress(done: number, total: number, label: string): Promise<void>;
};

export type ContextOptions = {
  readonly platform?: Platform;
  readonly emit?: ServiceContext['emit'];
  readonly now?: () => number;
  readonly appVersion?: string;
};

function readMeta(conn: Connection, key: string): string | undefined {
  return conn.sql.first(conn.db.selectFrom('meta').select('value').where('key', '=', key))?.value;
}

function writeMeta(conn: Connection, key: string, value: string): void {
  conn.sql.run(
    conn.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value })),
  );
}

export function createContext(conn: Connection, options: ContextOptions = {}): ServiceContext {
  let deviceId = readMeta(conn, 'device_id');
  if (!deviceId) {
    deviceId = randomUUID();
    if (!conn.readonly) writeMeta(conn, 'device_id', deviceId);
  }
  const clock = new HybridClock(deviceId, readMeta(conn, 'clock') ?? null, options.now);
  const now = options.now ?? Date.now;
  const deviceName = hostname();
  const search = new SearchIndexes(conn);
  const emit = options.emit ?? (() => undefined);
  const makeBatch = batchMaker(conn, deviceName);
  const newBatch = (actor: string) => makeBatch(actor, clock.next(), new Date(now()).toISOString());
  let lastBatch: WrittenBatch | null = null;

  let job: { cancelled: boolean } | null = null;
  const reads = new Set<AbortController>();
  /** After a commit: the batch is the newest one, if it wrote anything. */
  const committed = (batch: ReturnType<typeof newBatch>) => {
    lastBatch = batch.written() ?? lastBatch;
  };
  const finish = (entities: readonly string[]) => {
    search.invalidate(entities);
    emit('data:changed', { entities });
  };

  const context: ServiceContext = {
    conn,
    clock,
    deviceId,
    deviceName,
    search,
    platform: options.platform ?? noPlatform,
    appVersion: options.appVersion ?? '0.0.0',
    actor: () => readMeta(conn, 'actor') ?? defaultActor(),
    emit,
    lastBatch: () => lastBatch,
    write(entities, work) {
      if (job) throw new ServiceError('busy', 'Another task is still running; wait for it or cancel it.');
      const actor = context.actor();
      const batch = newBatch(actor);
      const result = conn.committingLater(() =>
        conn.sql.transaction(() => {
          const value = work(batch);
          writeMeta(conn, 'clock', clock.current());
          return value;
        }),
      );
      committed(batch);
      finish(entities);
      return result;
    },
    async longWrite(entities, task, work) {
      if (job) throw new ServiceError('busy', 'Another task is still running; wait for it or cancel it.');
      const current = { cancelled: false };
      job = current;
      const { sqlite } = conn;
      sqlite.exec('BEGIN IMMEDIATE');
      const batch = newBatch(context.actor());
      try {
        const value = await work(batch, {
          async progress(done, total, label) {
            emit('progress', { task, done, total, label });
            await new Promise((resolve) => setImmediate(resolve));
            if (current.cancelled) throw new ServiceError('cancelled', `${label}: cancelled; nothing was changed.`);
          },
        });
        writeMeta(conn, 'clock', clock.current());
        sqlite.exec('COMMIT');
        committed(batch);
        return value;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      } finally {
        job = null;
        emit('progress', { task, done: 1, total: 1, label: 'done' });
        finish(entities);
      }
    },
    async longRead(work) {
      const read = new AbortController();
      reads.add(read);
      try {
        return await work(read.signal);
      } finally {
        reads.delete(read);
      }
    },
    cancelJob() {
      const running = job !== null || reads.size > 0;
      if (job) job.cancelled = true;
      for (const read of reads) read.abort();
      reads.clear();
      return running;
    },
  };
  return context;
}

function defaultActor(): string {
  try {
    return userInfo().username || 'admin';
  } catch {
    return 'admin';
  }
}
