import { z } from 'zod';
import type { TemplateDefinition } from '../dto/template';

/**
 * The zod schema of a template file (`templates/*.json`, or a custom one in the data directory).
 * Strict: an unknown key is an error, so a typo never silently drops a setting.
 */

/** `{{name}}`; names are letters, digits and _, starting with a letter. */
export const PLACEHOLDER_PATTERN = /\{\{([A-Za-z][A-Za-z0-9_]*)\}\}/g;
/** Placeholders every connection string may use besides the template's variables and secrets. */
export const CONNECTION_PLACEHOLDERS = ['host', 'port'] as const;

/** The placeholder names in a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Braces left after removing well-formed placeholders (e.g. `{{ password }}` or `{{pass`). */
function hasStrayBraces(text: string): boolean {
  const rest = text.replace(PLACEHOLDER_PATTERN, '');
  return rest.includes('{{') || rest.includes('}}');
}

export const templateIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an id is a lowercase slug: a-z, 0-9 and -, at most 63 characters');
const placeholderName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a placeholder name is letters, digits and _, starting with a letter');
const envKey = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'an env name is letters, digits and _, not starting with a digit');
const imageName = z
  .string()
  .regex(
    /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
    'an image is a repository name without a tag, e.g. postgres or minio/minio',
  );
export const dockerTagSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a tag is letters, digits, _, . and -, at most 128 characters');
const major = z.number().int().min(0).max(10_000);
const argv = z.array(z.string().max(4096)).min(1, 'give at least the program to run').max(64);

export const templateSecretSchema = z.strictObject({
  name: placeholderName,
  length: z.number().int().min(16, 'a generated secret has at least 16 characters').max(256),
  alphabet: z.enum(['alnum', 'hex']).default('alnum'),
});

export const templateDataPathSchema = z
  .strictObject({
    fromMajor: major.optional(),
    toMajor: major.optional(),
    path: z
      .string()
      .regex(/^\/[^\0:]*$/, 'a data path is an absolute path in the container')
      .refine((p) => !p.split('/').includes('..'), 'a data path may not contain ..'),
  })
  .refine((r) => r.fromMajor === undefined || r.toMajor === undefined || r.fromMajor <= r.toMajor, {
    message: 'fromMajor is greater than toMajor',
    path: ['toMajor'],
  });

/** The major version a tag names: `18` → 18, `8.4` → 8, `4.1-management` → 4, `latest` → null. */
export function majorOfTag(tag: string): number | null {
  const match = /^v?(\d+)(?:[.-]|$)/.exec(tag);
  return match ? Number(match[1]) : null;
}

/** The first rule whose range holds the tag's major; a rule without bounds holds every tag. */
export function matchDataPath(rules: readonly { fromMajor?: number; toMajor?: number; path: string }[], tag: string) {
  const tagMajor = majorOfTag(tag);
  for (const rule of rules) {
    if (rule.fromMajor === undefined && rule.toMajor === undefined) return rule.path;
    if (tagMajor === null) continue;
    if (rule.fromMajor !== undefined && tagMajor < rule.fromMajor) continue;
    if (rule.toMajor !== undefined && tagMajor > rule.toMajor) continue;
    return rule.path;
  }
  return null;
}

export const templateFileSchema = z
  .strictObject({
    /** Free-form note for whoever edits the file; ignored. */
    $comment: z.string().optional(),
    id: templateIdSchema,
    name: z.string().trim().min(1, 'the name is empty').max(80),
    description: z.string().max(1000),
    image: imageName,
    defaultTag: dockerTagSchema,
    tags: z.array(dockerTagSchema).min(1, 'list at least one tag').max(100),
    port: z.number().int().min(1).max(65535),
    recommended: z.strictObject({
      cpu: z.number().positive().max(256),
      memoryMb: z.number().int().min(16).max(1_048_576),
    }),
    variables: z.record(placeholderName, z.string().max(4096)).default({}),
    env: z.record(envKey, z.string().max(32_768)),
    secrets: z.array(templateSecretSchema).max(20).default([]),
    dataPaths: z.array(templateDataPathSchema).min(1, 'give the data volume path').max(20),
    command: argv.optional(),
    healthCommand: argv,
    connectionStrings: z
      .array(z.strictObject({ label: z.string().trim().min(1).max(80), pattern: z.string().min(1).max(2000) }))
      .max(20),
  })
  .superRefine((t, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    if (new Set(t.tags).size !== t.tags.length) issue(['tags'], 'a tag is listed twice');
    if (!t.tags.includes(t.defaultTag)) issue(['tags'], `must include the default tag "${t.defaultTag}"`);
    t.tags.forEach((tag, i) => {
      if (matchDataPath(t.dataPaths, tag) === null) issue(['tags', i], `no dataPaths rule covers tag "${tag}"`);
    });

    const secretNames = t.secrets.map((s) => s.name);
    t.secrets.forEach((s, i) => {
      if (secretNames.indexOf(s.name) !== i) issue(['secrets', i, 'name'], `the secret "${s.name}" is listed twice`);
      if (s.name in t.variables) issue(['secrets', i, 'name'], `"${s.name}" is both a variable and a secret`);
    });
    for (const reserved of CONNECTION_PLACEHOLDERS) {
      if (reserved in t.variables || secretNames.includes(reserved))
        issue(['variables', reserved], `"${reserved}" is reserved for connection strings`);
    }

    // Every placeholder must resolve: a literal {{…}} must never reach a container (Mist's GENERATE bug).
    const known = new Set([...Object.keys(t.variables), ...secretNames]);
    const checkText = (path: (string | number)[], text: string, extra: readonly string[] = []) => {
      if (hasStrayBraces(text)) issue(path, 'malformed placeholder: write {{name}} with no spaces');
      for (const name of placeholdersIn(text)) {
        if (!known.has(name) && !extra.includes(name))
          issue(path, `unknown placeholder {{${name}}}: declare it in variables or secrets`);
      }
    };
    for (const [key, value] of Object.entries(t.env)) checkText(['env', key], value);
    t.command?.forEach((arg, i) => checkText(['command', i], arg));
    t.healthCommand.forEach((arg, i) => checkText(['healthCommand', i], arg));
    t.connectionStrings.forEach((c, i) =>
      checkText(['connectionStrings', i, 'pattern'], c.pattern, CONNECTION_PLACEHOLDERS),
    );
    for (const [key, value] of Object.entries(t.variables)) {
      if (placeholdersIn(value).length > 0) issue(['variables', key], 'a variable default may not hold placeholders');
    }
  });

export type TemplateFile = z.output<typeof templateFileSchema>;

// The schema's output must stay assignable to the DTO the UI sees.
export type TemplateFileMatchesDto = TemplateFile extends TemplateDefinition & { $comment?: string } ? true : never;
const _matches: TemplateFileMatchesDto = true;
void _matches;

/** `tags.2: no dataPaths rule covers tag "x"`; an unknown key is named as the path. */
export function formatTemplateIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${at ? `${at}.` : ''}${key}: unknown key`);
    }
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [`${at || '(file)'}: ${missing ? 'is required' : issue.message}`];
  });
}
