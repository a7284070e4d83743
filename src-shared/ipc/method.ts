import { z } from 'zod';
import { idSchema } from '../domain';

/** A method: its input schema, validated in main, and its output type, carried as a type only. */
export function method<Input extends z.ZodType, Output>(input: Input) {
  return { input, output: z.custom<Output>() };
}

export const byId = z.object({ id: idSchema });
export const noInput = z.object({});

/** What a soft delete hid, by kind ("assignments": 12, "customerUsers": 3). */
export type DeleteResult = { readonly id: string; readonly hidden: Readonly<Record<string, number>> };
