import { join } from 'node:path';
import type { Api } from '../src-shared/ipc/api';
import type { OutputOf } from '../src-shared/ipc/contract';
import type { Envelope } from '../src-shared/ipc/envelope';
import { openDatabase, type Connection, type OpenOptions } from './db/connection';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createContext, type ContextOptions, type ServiceContext } from './services/context';
import { handlers } from './services/handlers';

export const DB_ENV = 'SERVICE_ALLOCATOR_DB';
export const DB_FILE_NAME = 'service-allocator.sqlite';

/** `--db PATH` wins, then the environment variable, then the file in the user-data folder. */
export function resolveDbPath(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string): string {
  const flag = argv.findIndex((arg) => arg === '--db' || arg.startsWith('--db='));
  if (flag >= 0) {
    const arg = argv[flag] ?? '';
    const value = arg.startsWith('--db=') ? arg.slice('--db='.length) : argv[flag + 1];
    if (value) return value;
  }
  return env[DB_ENV] || join(userDataDir, DB_FILE_NAME);
}

export type OpenApp = {
  readonly conn: Connection;
  readonly context: ServiceContext;
  /** The raw entry point, as the IPC handler and the harness use it. */
  readonly dispatch: Dispatch;
  /** The same, typed by the contract, for callers in Node (CLI, tests). */
  readonly call: Api['call'];
  close(): Promise<void>;
};

/**
 * Opens the database, builds the service context and the dispatcher: the app below the window.
 * Opened `readonly`, it serves what only reads (a dry run, a review) and refuses every write.
 */
export async function openApp(
  dbPath: string,
  options: ContextOptions & Pick<OpenOptions, 'readonly'> = {},
): Promise<OpenApp> {
  const conn = await openDatabase(dbPath, { readonly: options.readonly ?? false });
  const context = createContext(conn, options);
  const dispatch = createDispatch(handlers, context);
  const call: Api['call'] = (method, input) => dispatch(method, input) as Promise<Envelope<OutputOf<typeof method>>>;
  return { conn, context, dispatch, call, close: () => conn.close() };
}
