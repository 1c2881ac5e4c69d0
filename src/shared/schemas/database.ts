import { z } from 'zod';
import { idSchema } from './server';
import { templateIdSchema } from './template';

export const connectionInfoInputSchema = z.object({
  appId: idSchema,
  /** Show the password in the strings (on demand); masked otherwise. */
  reveal: z.boolean().default(false),
});

export const dataVolumesInputSchema = z.object({ serverId: idSchema, template: templateIdSchema.optional() });
