import { z } from 'zod';

/** zod schemas for the GitHub account (`github.connect`, `github.repos`, `github.branches`). */

/** A personal access token: printable ASCII without spaces (anything else cannot go in a header). */
export const githubTokenSchema = z
  .string()
  .trim()
  .min(1, 'the token is empty')
  .max(1024, 'a GitHub token is far shorter')
  .regex(/^[\x21-\x7e]+$/, 'a token has only letters, digits and punctuation, no spaces');

/** `{ token }`, or `{ fromGhCli: true }` for the token the GitHub CLI is logged in with (`gh auth token`). */
export const githubConnectInputSchema = z
  .object({ token: githubTokenSchema.optional(), fromGhCli: z.literal(true).optional() })
  .strict()
  .refine((input) => (input.token === undefined) !== (input.fromGhCli === undefined), {
    message: 'give a token, or fromGhCli, not both',
  });
export type GitHubConnectInput = z.infer<typeof githubConnectInputSchema>;

export const githubReposInputSchema = z
  .object({ search: z.string().max(200).optional() })
  .strict()
  .default({});

// GitHub's naming rules (loosely): owners are letters, digits and hyphens; repositories also . and _.
export const githubBranchesInputSchema = z
  .object({
    owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'not a GitHub owner name'),
    repo: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'not a GitHub repository name')
      .refine((name) => name !== '.' && name !== '..', 'not a GitHub repository name'),
  })
  .strict();
