// Builds Berth's installers for this platform, then puts better-sqlite3 back to Node's ABI.
// electron-builder rebuilds native modules in place in node_modules for Electron; without the
// second step `npm test` (plain Node) would fail to load better-sqlite3 after a packaging run.
// Extra arguments go to electron-builder, e.g. `npm run dist -- --dir` or `-- --linux deb`.
import process from 'node:process';
import console from 'node:console';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

const builderCli = path.join(
  path.dirname(require.resolve('electron-builder/package.json')),
  'cli.js',
);
const built = run([
  builderCli,
  '--config',
  'build/electron-builder.yml',
  '--publish',
  'never',
  ...process.argv.slice(2),
]);

const npmCli = process.env.npm_execpath;
let restored = 0;
if (npmCli) restored = run([npmCli, 'rebuild', 'better-sqlite3']);
else console.warn('Not started through npm: run `npm rebuild better-sqlite3` before `npm test`.');

process.exit(built !== 0 ? built : restored);
