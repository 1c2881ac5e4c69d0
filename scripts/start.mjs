// `npm start`: opens the Electron app; where the Electron binary is missing and cannot be fetched,
// says so in one line and serves the same renderer and core from the loopback web shell.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron's package fetches its binary on first use; try that once (it fails fast offline). */
function fetchElectron() {
  if (process.env.MIST_NO_ELECTRON === '1' || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return null;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  return result.status === 0 ? electronBinary() : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const built = join(root, 'out', 'main', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, 'src'))) return;
  console.log('Building Mist Desktop…');
  const result = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureBuilt();
const electron = electronBinary() ?? fetchElectron();
if (electron) {
  run(electron, ['.']);
} else {
  console.log(
    'Electron binary is not available here (not installed and could not be downloaded): serving the same UI from the web shell instead.',
  );
  run(process.execPath, [join(root, 'out', 'main', 'web.js')]);
}
