import type { Api } from '../src-shared/ipc/api';
import type { InputOf, Method, OutputOf } from '../src-shared/ipc/contract';
import type { AppError } from '../src-shared/ipc/envelope';

declare global {
  interface Window {
    readonly api: Api;
  }
}

/** An error answered by main, carried to the screen with its code and field messages. */
export class CallError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'CallError';
    this.error = error;
  }
}

/** Calls a contract method and returns its value, or throws a CallError with main's message. */
export async function call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const envelope = await window.api.call(method, input);
  if (!envelope.ok) throw new CallError(envelope.error);
  return envelope.value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
