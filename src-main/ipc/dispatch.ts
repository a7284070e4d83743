import { z } from 'zod';
import { contract, type Method } from '../../src-shared/ipc/contract';
import { ServiceError, type Envelope } from '../../src-shared/ipc/envelope';
import { fileError } from '../db/connection';
import type { ServiceContext } from '../services/context';
import type { Handlers } from './handlers';

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

function isMethod(method: unknown): method is Method {
  return typeof method === 'string' && Object.hasOwn(contract, method);
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Turns anything thrown into the envelope's error: domain errors keep their code and message. */
export function toEnvelopeError(error: unknown): Envelope<never> {
  if (error instanceof ServiceError) {
    return {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    };
  }
  if (error instanceof z.ZodError) {
    return { ok: false, error: { code: 'invalid-input', message: describeIssues(error), fields: fieldErrors(error) } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: `Unexpected error: ${message}` } };
}

/**
 * The one entry point for every call: rejects unknown methods, validates the input with the
 * contract's schema, runs the handler and wraps the answer in the envelope. The Electron
 * shell and the test harness both call exactly this.
 */
export function createDispatch(handlers: Handlers, context: ServiceContext): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'unknown-method', message: `Unknown method: ${String(method).slice(0, 100)}` },
      };
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: describeIssues(parsed.error), fields: fieldErrors(parsed.error) },
      };
    }
    try {
      const handler = handlers[method] as (context: ServiceContext, input: unknown) => unknown;
      // Handlers return plain JSON values (domain types, never rows or class instances); the
      // transport (Electron's structured clone, the harness's JSON) copies them once.
      const value = await handler(context, parsed.data);
      return { ok: true, value };
    } catch (error) {
      return toEnvelopeError(fileError(error, context.conn.path));
    }
  };
}
