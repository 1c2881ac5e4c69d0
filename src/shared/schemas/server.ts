import { z } from 'zod';
import {
  FINGERPRINT_PATTERN,
  HOST_RULE,
  SERVER_NAME_PATTERN,
  SERVER_NAME_RULE,
  SSH_USER_PATTERN,
  SSH_USER_RULE,
  isValidHost,
  normalizeHost,
} from '../name-rules';

/** zod schemas for every server-related API input; main validates each message with these. */

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, _ or -');
export const serverNameSchema = z.string().trim().regex(SERVER_NAME_PATTERN, SERVER_NAME_RULE);
export const hostSchema = z.string().trim().refine(isValidHost, HOST_RULE).transform(normalizeHost);
export const portSchema = z.number().int().min(1).max(65535);
export const sshUserSchema = z.string().trim().regex(SSH_USER_PATTERN, SSH_USER_RULE);
export const fingerprintSchema = z
  .string()
  .regex(FINGERPRINT_PATTERN, 'a fingerprint looks like SHA256: followed by 43 base64 characters');
const noNul = (value: string) => !value.includes('\0');
export const keyPathSchema = z
  .string()
  .trim()
  .min(1, 'the private key path is empty')
  .max(4096)
  .refine(noNul, 'the key path contains a NUL byte')
  .refine((p) => p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:[\\/]/.test(p), 'use an absolute key path');
export const socketPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine((p) => p.startsWith('/') && noNul(p), 'the Docker socket path must be absolute');
const secretValueSchema = z.string().min(1).max(8192).refine(noNul, 'the value contains a NUL byte');

export const authInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key'), keyPath: keyPathSchema, passphrase: secretValueSchema.optional() }),
  z.object({ kind: z.literal('agent') }),
  z.object({ kind: z.literal('password'), password: secretValueSchema }),
]);
export type AuthInput = z.infer<typeof authInputSchema>;

export const hostKeyDecisionSchema = z.object({
  fingerprint: fingerprintSchema,
  trust: z.enum(['once', 'remember']),
});
export type HostKeyDecision = z.infer<typeof hostKeyDecisionSchema>;

export const probeHostKeyInputSchema = z.object({
  host: hostSchema,
  port: portSchema.default(22),
  proxyJumpServerId: idSchema.nullable().default(null),
});

export const addServerInputSchema = z.object({
  name: serverNameSchema,
  host: hostSchema,
  port: portSchema.default(22),
  user: sshUserSchema,
  auth: authInputSchema,
  proxyJumpServerId: idSchema.nullable().default(null),
  dockerSocketPath: socketPathSchema.default('/var/run/docker.sock'),
  forwardAgent: z.boolean().default(false),
  publicAddress: hostSchema.nullable().default(null),
  /** The user's answer to the host-key prompt; required: no server is saved without one. */
  hostKey: hostKeyDecisionSchema,
});
export type AddServerInput = z.infer<typeof addServerInputSchema>;

export const updateServerInputSchema = z.object({
  id: idSchema,
  name: serverNameSchema.optional(),
  host: hostSchema.optional(),
  port: portSchema.optional(),
  user: sshUserSchema.optional(),
  auth: authInputSchema.optional(),
  proxyJumpServerId: idSchema.nullable().optional(),
  dockerSocketPath: socketPathSchema.optional(),
  forwardAgent: z.boolean().optional(),
  /** null clears it. */
  publicAddress: hostSchema.nullable().optional(),
  /** Needed when host or port changes: the new address presents its own key. */
  hostKey: hostKeyDecisionSchema.optional(),
});
export type UpdateServerInput = z.infer<typeof updateServerInputSchema>;

export const serverIdInputSchema = z.object({ id: idSchema });
export const reclaimDockerSpaceInputSchema = z.object({
  id: idSchema,
  /** Also clear the build cache no build is using (the next builds start cold). */
  buildCache: z.boolean().default(false),
});
export const acceptHostKeyInputSchema = z.object({ id: idSchema, hostKey: hostKeyDecisionSchema });
export const sshConfigInputSchema = z.object({ path: keyPathSchema.optional() });
