import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  InvalidTemplateFileDto,
  TemplateCatalogDto,
  TemplateDto,
  TemplateSource,
} from '../../../shared/dto/template';
import { formatTemplateIssues, templateFileSchema } from '../../../shared/schemas/template';

/** A template file larger than this is refused unread (they are a few kilobytes). */
const MAX_FILE_BYTES = 256 * 1024;

export interface LoadTemplatesOptions {
  /**
   * The built-in templates. Default: the repository's `templates/` found from this module (dev, CLI,
   * tests). A packaged Electron app passes `join(process.resourcesPath, 'templates')`.
   */
  builtinDir?: string;
  /** The user's templates, e.g. `join(dataDir, 'templates')`. A folder that does not exist yet is empty. */
  customDir?: string;
}

/** The repository's `templates/` folder, found by walking up from `start` to the folder with package.json. */
export function defaultBuiltinTemplatesDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return join(dir, 'templates');
    const parent = dirname(dir);
    if (parent === dir) return join(start, 'templates');
    dir = parent;
  }
}

/** The custom templates folder inside a data directory. */
export function customTemplatesDir(dataDir: string): string {
  return join(dataDir, 'templates');
}

/**
 * Reads and validates every `*.json` in both folders. Nothing is skipped silently: a file that is
 * unreadable, not JSON, or invalid is listed in `invalid` with readable `path: message` errors.
 *
 * Duplicate ids: within one folder the first file (by name) wins and the next is listed as invalid.
 * A custom template with a built-in id REPLACES the built-in one (the user dropped it in on purpose,
 * e.g. to point at a private registry's image); the result says so in `notes` and in `overrides`.
 */
export function loadTemplates(options: LoadTemplatesOptions = {}): TemplateCatalogDto {
  const builtinDir = options.builtinDir ?? defaultBuiltinTemplatesDir();
  const invalid: InvalidTemplateFileDto[] = [];
  const notes: string[] = [];

  const builtin = readFolder(builtinDir, 'builtin', invalid, { required: true });
  const custom = options.customDir ? readFolder(options.customDir, 'custom', invalid, { required: false }) : [];

  const byId = new Map<string, TemplateDto>(builtin.map((t) => [t.id, t]));
  for (const template of custom) {
    const replaced = byId.get(template.id);
    if (replaced) {
      template.overrides = replaced.file;
      notes.push(`${template.file}: replaces the built-in template "${template.id}" (${replaced.file}).`);
    }
    byId.set(template.id, template);
  }
  const templates = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { templates, invalid, notes };
}

function readFolder(
  dir: string,
  source: TemplateSource,
  invalid: InvalidTemplateFileDto[],
  { required }: { required: boolean },
): TemplateDto[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.json'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return [];
    invalid.push({ file: dir, errors: [`(folder): cannot read the templates folder (${code ?? String(error)})`] });
    return [];
  }
  names.sort();

  const templates: TemplateDto[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = readTemplateFile(file, source);
    if ('errors' in result) {
      invalid.push(result);
      continue;
    }
    const first = seen.get(result.id);
    if (first) {
      invalid.push({ file, errors: [`id: "${result.id}" is already defined by ${first}`] });
      continue;
    }
    seen.set(result.id, file);
    templates.push(result);
  }
  return templates;
}

/** One file: a template, or its errors. */
export function readTemplateFile(file: string, source: TemplateSource): TemplateDto | InvalidTemplateFileDto {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { file, errors: ['(file): not a regular file'] };
    if (stat.size > MAX_FILE_BYTES) return { file, errors: [`(file): larger than ${MAX_FILE_BYTES / 1024} KB`] };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, errors: [`(file): cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { file, errors: [`(file): not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = templateFileSchema.safeParse(json);
  if (!parsed.success) return { file, errors: formatTemplateIssues(parsed.error) };
  const { $comment: _comment, ...template } = parsed.data;
  return { ...template, source, file };
}
