import { z } from 'zod';
import { normalizeDomain } from '../domain-rules';
import { idSchema } from './server';

/** A domain as typed; validated (and IDN-converted) by the same rule everywhere. */
export const domainSchema = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    const check = normalizeDomain(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem });
  });

export const appDomainInputSchema = z.object({ appId: idSchema, host: domainSchema });

export const acmeEmailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@'"`$;]+@[^\s@'"`$;]+\.[^\s@'"`$;]+$/, 'the ACME email must be an email address');

export const prepareServerInputSchema = z.object({
  id: idSchema,
  /** Let's Encrypt account email; saved on the server's settings. */
  email: acmeEmailSchema.optional(),
  /** Wildcard domain for automatic app domains (e.g. apps.example.com); saved on the server. */
  wildcardDomain: domainSchema.nullable().optional(),
});
