// Vitest global setup for e2e: builds the renderer once, so browser tests run against a fresh build.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the build lands; browser mode serves this folder. */
export const rendererDir = join(repoRoot, 'dist', 'renderer');

const snapshotVariable = 'BERTH_TEST_RENDERER_DIR';

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

/**
 * The build the UI tests serve: a copy taken right after this run's build, so a rebuild of
 * dist/renderer during the run (another checkout user, a watcher) cannot pull files away.
 */
export function testRendererDir(): string {
  return process.env[snapshotVariable] ?? rendererDir;
}

/** Builds once per run and points the UI tests at a copy of the build. */
export function setup(): void {
  buildRenderer();
  const snapshot = mkdtempSync(join(tmpdir(), 'berth-renderer-'));
  cpSync(rendererDir, snapshot, { recursive: true });
  process.env[snapshotVariable] = snapshot;
}

/** Removes this run's copy of the build. */
export function teardown(): void {
  const snapshot = process.env[snapshotVariable];
  if (snapshot) rmSync(snapshot, { recursive: true, force: true });
}
