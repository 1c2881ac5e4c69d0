import type { TemplateDefinition } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import { matchDataPath } from '../../../shared/schemas/template';

/**
 * The container path of a database app's data volume for an image tag: the first `dataPaths` rule
 * whose major range holds the tag's major version (PostgreSQL ≤17 → `/var/lib/postgresql/data`,
 * 18+ → `/var/lib/postgresql`, where 18 keeps its data under `18/docker`). A tag with no major
 * version (`latest`) only matches an unbounded rule; with none, this throws rather than guess,
 * because mounting the wrong path silently loses data (Coolify #7279, Dokploy #3883).
 */
export function dataPathFor(template: Pick<TemplateDefinition, 'id' | 'dataPaths'>, tag: string): string {
  const path = matchDataPath(template.dataPaths, tag);
  if (path === null) {
    throw new MistError(
      'invalid-input',
      `The template "${template.id}" does not say where tag "${tag}" keeps its data; pick a tag with a version number.`,
      { template: template.id, tag },
    );
  }
  return path;
}
