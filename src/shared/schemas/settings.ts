import { z } from 'zod';

/** The app's own settings, as stored in settings.json and changed through `settings.update`. */

export const notificationSettingSchema = z.enum(['all', 'failures', 'none']);
export const logTailSchema = z.number().int().min(0).max(10_000);
export const scrollbackSchema = z.number().int().min(1_000).max(1_000_000);

/** Every field with its default, so a missing or partly invalid file still gives whole settings. */
export const settingsSchema = z.object({
  /** Which finished deploys show a desktop notification. */
  notifications: notificationSettingSchema.catch('all').default('all'),
  /** Closing the window keeps Mist Desktop running in the tray. */
  closeToTray: z.boolean().catch(true).default(true),
  /** How many earlier lines a container log starts with. */
  logTail: logTailSchema.catch(100).default(100),
  /** How many lines a log terminal keeps. */
  scrollback: scrollbackSchema.catch(10_000).default(10_000),
});

export const updateSettingsInputSchema = z
  .object({
    notifications: notificationSettingSchema,
    closeToTray: z.boolean(),
    logTail: logTailSchema,
    scrollback: scrollbackSchema,
  })
  .partial()
  .strict();
