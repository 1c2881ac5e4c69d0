import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppInputSchema } from '../../src/shared/schemas/app';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { RESULTS_DIR, inPage, removeAppContainer, startE2eShell, type E2eShell } from './e2e-helpers';

/**
 * Issue 6's acceptance in one keyboard-only walk, in real Chromium through the web shell, against
 * the real core, test sshd, Docker engine and fixture repository: open the palette, find an app,
 * deploy it, watch the build log stream, open its container logs, search for a line, pause and
 * resume following, open a shell and run a command in the container. No mouse event is sent.
 */

const DEPLOY_TIMEOUT_MS = 180_000;

/**
 * Presses Tab until the focused element matches `selector` (and, when given, has exactly the text
 * `text`): how a keyboard user gets to a control.
 */
async function tabTo(page: Page, selector: string, text?: string, maxPresses = 60): Promise<void> {
  const check = `(() => {
    const el = document.activeElement;
    return !!el && el.matches(${JSON.stringify(selector)}) && (${JSON.stringify(text ?? null)} === null || el.textContent.trim() === ${JSON.stringify(text ?? '')});
  })()`;
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate(check)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}${text ? ` "${text}"` : ''}`);
}

describeIntegration(
  'e2e: keyboard only — palette, deploy, build log, container logs, search, pause/follow, shell',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let appId = '';

    beforeAll(async () => {
      let port: number;
      [sshd, repo, port] = await Promise.all([startTestSshd(), createFixtureRepo(), findFreePort()]);
      e2e = await startE2eShell({ name: 'keyboard' });
      const { core } = e2e;
      const server = await core.servers.add(serverInput(sshd, { name: 'e2e-keyboard-server' }));
      const project = await core.handlers['projects.create']({ name: 'kbflow', serverId: server.id });
      const input = createAppInputSchema.parse({
        projectId: project.id,
        name: 'storefront',
        type: 'web',
        port,
        gitUrl: repo.url,
      });
      appId = (await core.handlers['apps.create'](input)).id;
      await core.handlers['env.set']({
        appId,
        vars: [{ key: 'PORT', value: String(port), secret: false, scope: 'runtime' }],
      });
    }, 300_000);

    afterAll(async () => {
      await e2e?.close();
      if (appId) await removeAppContainer(appId, 'mist/kbflow-storefront');
      await Promise.all([sshd?.stop(), repo?.remove()]);
    });

    it('does the whole walk without the mouse', async () => {
      const { shell, browser } = e2e!;
      await inPage(browser, 'light', 'keyboard-flow', async (page, problems) => {
        // real pointer input would show here (a button pressed with Enter fires a click, but no mousedown)
        const mouseEvents: string[] = [];
        await page.exposeFunction('__mouse', (type: string) => void mouseEvents.push(type));
        await page.addInitScript(
          `for (const t of ['mousedown', 'pointerdown', 'wheel']) addEventListener(t, (e) => e.isTrusted && window.__mouse(t), true);`,
        );
        await page.goto(shell.url);
        await page
          .getByRole('navigation', { name: 'Servers' })
          .getByRole('button', { name: /^storefront\b/ })
          .waitFor();

        // the palette: find the app, open its actions, Deploy
        await page.keyboard.press('Control+K');
        const palette = page.getByRole('dialog', { name: 'Command palette' });
        await palette.getByRole('combobox', { name: 'Find an app' }).waitFor();
        await page.keyboard.type('storefr');
        await palette.getByRole('option', { selected: true }).filter({ hasText: 'kbflow/storefront' }).waitFor();
        await page.keyboard.press('ArrowRight');
        await palette.getByRole('listbox', { name: 'Actions' }).waitFor();
        await page.keyboard.type('deploy');
        await palette
          .getByRole('option', { selected: true })
          .filter({ hasText: /^Deploy/ })
          .waitFor();
        await page.keyboard.press('Enter');

        // the build log streams while the deployment runs
        const heading = page.getByRole('heading', { level: 2, name: /^Deployment #1\b/ });
        await heading.waitFor();
        await page.evaluate(`(() => {
          new MutationObserver(() => {
            const rows = document.querySelector('.xterm-rows');
            const running = document.querySelector('.stage[data-state="running"]');
            if (running && rows && /Step|Building|RUN|COPY/.test(rows.textContent)) window.__logWhileRunning = true;
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        })()`);
        await heading.getByText('Success').waitFor({ timeout: DEPLOY_TIMEOUT_MS });
        expect(await page.evaluate('window.__logWhileRunning === true')).toBe(true);

        // `l`: the container logs; Ctrl+F finds the app's start-up line
        await page.evaluate('document.activeElement?.blur()');
        await page.keyboard.press('l');
        await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
        const rows = page.getByTestId('log-terminal').locator('.xterm-rows');
        await rows.filter({ hasText: 'mist-fixture-app listening' }).waitFor({ timeout: 20_000 });
        await tabTo(page, '[data-testid="log-terminal"] textarea');
        await page.keyboard.press('Control+f');
        const find = page.getByRole('searchbox', { name: 'Find in log' });
        await find.waitFor();
        await page.keyboard.type('listening on port');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByTestId('log-search-count').textContent()).toMatch(/^1 of 1$/);
        await page.keyboard.press('Escape');

        // pause and resume following, with Tab and Enter
        const host = page.getByTestId('log-terminal');
        await tabTo(page, 'button', 'Pause');
        await page.keyboard.press('Enter');
        await expect.poll(() => host.getAttribute('data-follow')).toBe('paused');
        await page.keyboard.press('Enter'); // the same button now says Follow
        await expect.poll(() => host.getAttribute('data-follow')).toBe('follow');

        // `s`: a shell in the container; the terminal takes the keyboard
        await page.evaluate('document.activeElement?.blur()');
        await page.keyboard.press('s');
        await page.getByRole('tab', { name: 'Shell', selected: true }).waitFor();
        await expect
          .poll(() => page.getByTestId('shell-status').textContent(), { timeout: 20_000 })
          .toBe(`Shell in app-${appId}`);
        await page.keyboard.type('echo from-the-keyboard-$((20+22))');
        await page.keyboard.press('Enter');
        const shellRows = page.getByTestId('shell-terminal').locator('.xterm-rows');
        await expect.poll(() => shellRows.textContent(), { timeout: 10_000 }).toContain('from-the-keyboard-42');

        // the shell does not trap the keyboard: Ctrl+K opens the palette from inside it
        await page.keyboard.press('Control+K');
        await palette.getByRole('combobox', { name: 'Find an app' }).waitFor();
        await page.keyboard.press('Escape');
        await palette.waitFor({ state: 'detached' });

        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-keyboard-flow.png') });
        expect(mouseEvents).toEqual([]);
        expect(problems).toEqual([]);
      });
    }, 300_000);
  },
);
