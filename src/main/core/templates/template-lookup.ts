import { basename } from 'node:path';
import type { TemplateCatalogDto, TemplateDto } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';

/**
 * The template with this id, or a not-found error that lists the known ids and, when a template file
 * of that name is invalid, its errors (so a typo in a custom template is never a silent "unknown").
 */
export function findTemplate(catalog: TemplateCatalogDto, id: string): TemplateDto {
  const template = catalog.templates.find((candidate) => candidate.id === id);
  if (template) return template;
  const broken = catalog.invalid.find((file) => basename(file.file, '.json') === id);
  const known = catalog.templates.map((candidate) => candidate.id).join(', ');
  throw new MistError(
    'not-found',
    broken
      ? `The template file ${broken.file} is invalid: ${broken.errors.join('; ')}.`
      : `No database template "${id}". Known templates: ${known}.`,
  );
}
