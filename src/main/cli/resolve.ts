import type { AppDto, ProjectDto } from '../../shared/dto/app';
import { MistError } from '../../shared/errors';
import { callApi } from './api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from './args';
import { CliUsageError } from './errors';
import type { CliCore } from './open-core';

/** `PROJECT/APP` as typed, split but not yet looked up. */
export interface AppRef {
  project: string;
  app: string;
}

/** Splits `PROJECT/APP`: exactly one slash with a name on each side, or a usage error. */
const APP_JSON_OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

/** `mist COMMAND PROJECT/APP [--json]`: the arguments of every command that takes one app and nothing else. */
export function parseAppJsonArgs(command: string, args: string[]): { ref: AppRef; json: boolean } {
  const { values, positionals } = parseCommandArgs(command, args, APP_JSON_OPTIONS);
  const [refText] = expectPositionals(command, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, command), json: flagOption(values, 'json') };
}

export function parseAppRef(text: string, command: string): AppRef {
  const parts = text.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new CliUsageError(`expected PROJECT/APP, e.g. shop/web (got '${text}')`, command);
  }
  return { project: parts[0], app: parts[1] };
}

export function formatAppRef(project: Pick<ProjectDto, 'name'>, app: Pick<AppDto, 'name'>): string {
  return `${project.name}/${app.name}`;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const listNames = (names: string[]) => [...names].sort().join(', ');

/**
 * The project named `name` (or with that id), from `projects.list`. Not found names the projects that
 * exist; two projects of that name (on different servers) ask for the id.
 */
export async function resolveProject(core: Pick<CliCore, 'handlers'>, name: string): Promise<ProjectDto> {
  const projects = await callApi(core, 'projects.list', {});
  const byId = projects.find((p) => p.id === name);
  if (byId) return byId;
  const matches = projects.filter((p) => same(p.name, name));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new MistError(
      'conflict',
      `More than one project is named ${name}; name it by its id instead: ${matches.map((p) => p.id).join(', ')}.`,
    );
  }
  if (projects.length === 0) {
    throw new MistError(
      'not-found',
      `No project named ${name}: there are no projects yet (create one with: mist project create NAME --server SERVER).`,
    );
  }
  throw new MistError('not-found', `No project named ${name}. Projects: ${listNames(projects.map((p) => p.name))}.`);
}

/** The project and app of `PROJECT/APP`, from `projects.list` and `apps.list`, with clear not-found errors. */
export async function resolveApp(
  core: Pick<CliCore, 'handlers'>,
  ref: AppRef,
): Promise<{ project: ProjectDto; app: AppDto; ref: string }> {
  const project = await resolveProject(core, ref.project);
  const apps = await callApi(core, 'apps.list', { projectId: project.id });
  const app = apps.find((a) => a.id === ref.app) ?? apps.find((a) => same(a.name, ref.app));
  if (app) return { project, app, ref: formatAppRef(project, app) };
  if (apps.length === 0) {
    throw new MistError(
      'not-found',
      `No app named ${ref.app} in project ${project.name}: it has no apps yet (create one with: mist app create ${project.name}/APP --type web).`,
    );
  }
  throw new MistError(
    'not-found',
    `No app named ${ref.app} in project ${project.name}. Its apps: ${listNames(apps.map((a) => a.name))}.`,
  );
}
