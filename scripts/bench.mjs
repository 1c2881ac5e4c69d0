#!/usr/bin/env node
// `npm run bench -- NAME [args]`: runs bench/NAME.ts with tsx, passing the remaining args through.
// Without NAME (or with an unknown one) it lists the benches in bench/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');

function available() {
  if (!existsSync(benchDir)) return [];
  return readdirSync(benchDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => entry.name.slice(0, -'.ts'.length))
    .sort();
}

const [name, ...args] = process.argv.slice(2);
const benches = available();
if (!name || name === '--help' || name === '-h' || !benches.includes(name)) {
  const asked = name === '--help' || name === '-h';
  if (name && !asked) console.error(`Unknown bench: ${name}`);
  console.error('Usage: npm run bench -- NAME [args]');
  console.error(`Available benches: ${benches.length > 0 ? benches.join(', ') : '(none in bench/)'}`);
  process.exit(asked ? 0 : name ? 2 : 1);
}

// `node --import tsx` keeps one process (no tsx watcher/wrapper), so signals reach the bench directly.
const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`), ...args], {
  cwd: root,
  stdio: 'inherit',
});
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
