export const errorCodes = [
  'invalid-input',
  'unknown-method',
  'not-found',
  'conflict',
  'refused',
  'cancelled',
  'busy',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field-level messages, keyed by the field's path ("code", "customFields.size"). */
export type FieldErrors = Readonly<Record<string, string>>;

export type AppError = { readonly code: ErrorCode; readonly message: string; readonly fields?: FieldErrors };

/** Every answer crosses IPC as plain JSON in this shape, so errors survive the trip. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** An error the renderer shows to the admin as it is. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.fields = fields;
  }
}
