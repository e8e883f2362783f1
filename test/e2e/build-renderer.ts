// Vitest global setup for e2e: builds the renderer once, so browser tests run against a fresh build.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the build lands; browser mode and the UI tests serve this folder. */
export const rendererDir = join(repoRoot, 'dist', 'renderer');

/** Runs `vite build` with the project's config; throws with vite's output when it fails. */
export function buildRenderer(): void {
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: repoRoot,
      // Vitest sets NODE_ENV=test, which would make vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`vite build finished without ${join(rendererDir, 'index.html')}`);
  }
}

export function setup(): void {
  buildRenderer();
}
