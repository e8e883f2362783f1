// Builds the renderer with vite only when dist/renderer/index.html is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist', 'renderer', 'index.html');
const sources = ['renderer', 'shared', 'vite.config.ts', 'index.html'];
const skipped = new Set(['node_modules', '.git', 'dist']);

/** The newest file under `entry` as { file, mtimeMs }, or null when it does not exist. */
function newest(entry) {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return null;
  }
  if (!info.isDirectory()) return { file: entry, mtimeMs: info.mtimeMs };

  let best = null;
  for (const child of readdirSync(entry)) {
    if (skipped.has(child)) continue;
    const found = newest(path.join(entry, child));
    if (found !== null && (best === null || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

function outputTime() {
  try {
    return statSync(output).mtimeMs;
  } catch {
    return null;
  }
}

function reasonToBuild() {
  const built = outputTime();
  if (built === null) return 'dist/renderer/index.html is missing';

  for (const source of sources) {
    const found = newest(path.join(root, source));
    if (found !== null && found.mtimeMs > built) {
      return `${path.relative(root, found.file)} changed since the last build`;
    }
  }
  return null;
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

const reason = reasonToBuild();
if (reason === null) {
  say('[build] The renderer build is up to date; not rebuilding.');
} else {
  say(`[build] Building the renderer: ${reason}.`);
  const result = spawnSync('npx', ['vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    say('[build] vite build failed; browser mode was not started.');
    process.exit(result.status ?? 1);
  }
}
