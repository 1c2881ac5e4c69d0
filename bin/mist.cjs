#!/usr/bin/env node
'use strict';
// `mist`: runs the built CLI (out/main/cli.js), or the TypeScript source through tsx when there is
// no build, the build is older than src/main or src/shared, or MIST_CLI_FROM_SOURCE=1.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'out', 'main', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  if (!fs.existsSync(built)) return false;
  const builtAt = fs.statSync(built).mtimeMs;
  return ['src/main', 'src/shared'].every((dir) => newestMtime(path.join(root, dir)) <= builtAt);
}

function hasTsx() {
  try {
    require.resolve('tsx/cjs');
    return true;
  } catch {
    return false; // an install without devDependencies: only the build can run
  }
}

if (process.env.MIST_CLI_FROM_SOURCE !== '1' && fs.existsSync(built) && (builtIsFresh() || !hasTsx())) {
  require(built);
} else {
  require('tsx/cjs');
  require(path.join(root, 'src', 'main', 'cli', 'main.ts'));
}
