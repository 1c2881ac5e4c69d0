import { describe, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import {
  SETTINGS_FIELDS,
  sectionFields,
  buildAppUpdate,
  buildCreateAppInput,
  emptyAppForm,
  formFromApp,
  hasChanges,
  type AppFormValues,
} from '../../src/renderer/src/lib/app-form';
import { appDto } from '../support/dto-fixtures';

const filled = (patch: Partial<AppFormValues> = {}): AppFormValues => ({
  ...emptyAppForm(),
  name: 'web',
  gitUrl: 'https://github.com/acme/web.git',
  ...patch,
});

const app: AppDto = appDto({ serverId: 's1', gitUrl: 'acme/web', memoryMb: 512 });

describe('renderer app form', () => {
  it('starts with the documented defaults', () => {
    expect(emptyAppForm()).toMatchObject({
      type: 'web',
      port: '3000',
      branch: 'main',
      dockerfilePath: './Dockerfile',
      rootDir: '/',
      restartPolicy: 'unless-stopped',
      cpuLimit: '',
      memoryMb: '',
    });
  });

  it('builds a create input checked by the shared schema', () => {
    const result = buildCreateAppInput('p1', filled({ type: 'service', port: '8080', gitUrl: '' }));
    expect(result).toEqual({
      ok: true,
      input: expect.objectContaining({
        projectId: 'p1',
        name: 'web',
        type: 'service',
        port: 8080,
        gitUrl: null,
        branch: 'main',
        cpuLimit: null,
        memoryMb: null,
      }),
    });
  });

  it('reports each bad field with the schema rule as a sentence', () => {
    const result = buildCreateAppInput(
      'p1',
      filled({ name: 'Web App', port: '70000', gitUrl: '-oProxyCommand=x', branch: 'a..b', rootDir: '../up' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toMatch(/^A name is 1–63 characters.*\.$/);
    expect(result.errors.port).toBe('The port is a number from 1 to 65535.');
    expect(result.errors.gitUrl).toMatch(/^Use an https/);
    expect(result.errors.branch).toMatch(/cannot contain "\.\."/);
    expect(result.errors.rootDir).toMatch(/inside the repository/);
  });

  it('checks limits as numbers', () => {
    const bad = buildCreateAppInput('p1', filled({ cpuLimit: 'two', memoryMb: '12.5' }));
    expect(bad.ok ? {} : bad.errors).toEqual({
      cpuLimit: 'The CPU limit is a number of CPUs, such as 0.5 or 2.',
      memoryMb: 'The memory limit is a whole number of megabytes.',
    });
    const small = buildCreateAppInput('p1', filled({ cpuLimit: '0.05', memoryMb: '64' }));
    expect(small.ok ? {} : small.errors).toEqual({
      cpuLimit: 'The CPU limit is at least 0.1.',
      memoryMb: 'The memory limit is at least 128 MB.',
    });
  });

  it('round-trips an app through the form', () => {
    const values = formFromApp(app);
    expect(values).toMatchObject({ port: '3000', gitUrl: 'acme/web', cpuLimit: '', memoryMb: '512' });
    for (const fields of Object.values(SETTINGS_FIELDS)) {
      const result = buildAppUpdate(app, values, fields);
      expect(result).toEqual({ ok: true, input: { id: 'app1' } });
      if (result.ok) expect(hasChanges(result.input)).toBe(false);
    }
  });

  it('sends only what changed in the tab, trimmed and typed', () => {
    const values = { ...formFromApp(app), cpuLimit: ' 1.5 ', memoryMb: '', restartPolicy: 'always' as const };
    expect(buildAppUpdate(app, values, SETTINGS_FIELDS.resources)).toEqual({
      ok: true,
      input: { id: 'app1', cpuLimit: 1.5, memoryMb: null, restartPolicy: 'always' },
    });
    // Fields of other tabs are not sent, even if they differ.
    const git = buildAppUpdate(app, { ...values, branch: ' develop ', name: 'other' }, SETTINGS_FIELDS.git);
    expect(git).toEqual({ ok: true, input: { id: 'app1', branch: 'develop' } });
    const cleared = buildAppUpdate(app, { ...formFromApp(app), gitUrl: '  ' }, SETTINGS_FIELDS.git);
    expect(cleared).toEqual({ ok: true, input: { id: 'app1', gitUrl: null } });
  });

  it('edits the health check in the general tab of web and service apps only', () => {
    expect(sectionFields('general', 'web')).toEqual([
      'name',
      'description',
      'port',
      'healthCheckPath',
      'healthCheckTimeoutS',
    ]);
    expect(sectionFields('general', 'compose')).toEqual(['name', 'description', 'port']);
    expect(sectionFields('general', 'database')).toEqual(['name', 'description']);
    const values = { ...formFromApp(app), healthCheckPath: ' /health ', healthCheckTimeoutS: '20' };
    expect(buildAppUpdate(app, values, SETTINGS_FIELDS.general)).toEqual({
      ok: true,
      input: { id: 'app1', healthCheckPath: '/health', healthCheckTimeoutS: 20 },
    });
    const off = { ...formFromApp({ ...app, healthCheck: { path: '/health', timeoutS: 20 } }), healthCheckPath: '' };
    expect(
      buildAppUpdate({ ...app, healthCheck: { path: '/health', timeoutS: 20 } }, off, SETTINGS_FIELDS.general),
    ).toEqual({
      ok: true,
      input: { id: 'app1', healthCheckPath: null },
    });
    const bad = buildAppUpdate(
      app,
      { ...values, healthCheckPath: 'health', healthCheckTimeoutS: '2' },
      SETTINGS_FIELDS.general,
    );
    expect(bad.ok ? {} : bad.errors).toEqual({
      healthCheckPath: expect.stringMatching(/starts with \//),
      healthCheckTimeoutS: expect.stringMatching(/at least 5 seconds/),
    });
    // a compose app's create input carries no health check
    const compose = buildCreateAppInput('p1', { ...emptyAppForm(), type: 'compose', name: 'stack', gitUrl: 'a/b' });
    expect(compose.ok && 'healthCheckPath' in compose.input).toBe(false);
  });

  it("edits how much log Docker keeps in the resources tab, checked like the core's", () => {
    const values = { ...formFromApp(app), logMaxSizeMb: ' 20 ', logMaxFiles: '3' };
    expect(buildAppUpdate(app, values, SETTINGS_FIELDS.resources)).toEqual({
      ok: true,
      input: { id: 'app1', logMaxSizeMb: 20, logMaxFiles: 3 },
    });
    const bad = buildAppUpdate(app, { ...values, logMaxSizeMb: '20MB', logMaxFiles: '40' }, SETTINGS_FIELDS.resources);
    expect(bad.ok ? {} : bad.errors).toEqual({ logMaxSizeMb: 'A whole number of megabytes, such as 50.' });
    const tooMany = buildAppUpdate(app, { ...values, logMaxFiles: '40' }, SETTINGS_FIELDS.resources);
    expect(tooMany.ok ? {} : tooMany.errors).toEqual({ logMaxFiles: expect.stringMatching(/at most 20 log files/i) });
    // a compose app has them too (for its services whose compose file sets no logging)
    const compose = buildCreateAppInput('p1', {
      ...emptyAppForm(),
      type: 'compose',
      name: 'stack',
      gitUrl: 'a/b',
      logMaxFiles: '2',
    });
    expect(compose.ok && compose.input).toMatchObject({ type: 'compose', logMaxSizeMb: 50, logMaxFiles: 2 });
    expect(sectionFields('resources', 'compose')).toEqual(expect.arrayContaining(['logMaxSizeMb', 'logMaxFiles']));
    expect(sectionFields('resources', 'web')).toContain('logMaxFiles');
  });

  it('reports only the errors of the tab being saved', () => {
    const values = { ...formFromApp(app), port: 'x', dockerfilePath: '/abs/Dockerfile' };
    const build = buildAppUpdate(app, values, SETTINGS_FIELDS.build);
    expect(build.ok ? {} : build.errors).toEqual({ dockerfilePath: expect.stringMatching(/^The Dockerfile path/) });
    const general = buildAppUpdate(app, values, SETTINGS_FIELDS.general);
    expect(general.ok ? {} : general.errors).toEqual({ port: 'The port is a number from 1 to 65535.' });
  });
});
