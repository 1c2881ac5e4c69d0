import { z } from 'zod';

/** The app's own settings, as stored in settings.json and changed through `settings.update`. */

export const notificationSettingSchema = z.enum(['all', 'failures', 'none']);

/** Every field with its default, so a missing or partly invalid file still gives whole settings. */
export const settingsSchema = z.object({
  /** Which finished deploys show a desktop notification. */
  notifications: notificationSettingSchema.catch('all').default('all'),
  /** Closing the window keeps Mist Desktop running in the tray. */
  closeToTray: z.boolean().catch(true).default(true),
});
// The log terminal's tail, scrollback, timestamps and wrap are chosen in its toolbar and remembered there.

export const updateSettingsInputSchema = z
  .object({
    notifications: notificationSettingSchema,
    closeToTray: z.boolean(),
  })
  .partial()
  .strict();
