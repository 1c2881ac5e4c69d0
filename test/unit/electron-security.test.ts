import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../src/main/electron/web-preferences';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Electron shell security', () => {
  it('the renderer runs isolated and sandboxed, with no Node and only our preload', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('index.html carries a strict CSP: scripts from the app only, no eval, no inline scripts, no plugins', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['img-src']?.every((src: string) => src === "'self'" || src === 'data:')).toBe(true);
    expect(csp).not.toContain('unsafe-eval');
    expect(
      directives['connect-src']?.every(
        (src: string) => src === "'self'" || /^ws:\/\/(127\.0\.0\.1|localhost):\*$/.test(src),
      ),
    ).toBe(true);
  });

  it('only the Electron shell and the preload import electron; the core, CLI, web shell and renderer never do', () => {
    const offenders = ['src/main/core', 'src/main/cli', 'src/main/web', 'src/shared', 'src/renderer/src']
      .flatMap(filesUnder)
      .filter((file) => /\bfrom 'electron'|require\('electron'\)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
