import { z } from 'zod';
import { method, noInput } from '../method';

export type Settings = {
  /** The admin's name recorded with every change. */
  readonly actor: string;
  /** What the name falls back to: the operating system's user name. */
  readonly defaultActor: string;
  /** This computer's name, recorded with every change as the device. */
  readonly device: string;
  readonly deviceId: string;
};

export const setActorSchema = z.object({
  /** Empty means: use the operating system's user name again. */
  actor: z.string().trim().max(100, 'At most 100 characters'),
});

export const settingsMethods = {
  'settings:get': method<typeof noInput, Settings>(noInput),
  /** Changes the admin's name shown with every later change; the change itself is audited. */
  'settings:setActor': method<typeof setActorSchema, Settings>(setActorSchema),
} as const;
