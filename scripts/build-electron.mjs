// Bundles the Electron main process and preload to CommonJS in dist/electron.
// The main bundle leaves every package in node_modules external (electron-builder ships them,
// native modules rebuilt for Electron); the preload runs sandboxed, where only 'electron' can be
// required, so everything else is bundled into it.
import process from 'node:process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const production = process.env.NODE_ENV !== 'development';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: production ? false : 'inline',
  logLevel: 'info',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    packages: 'external',
    external: ['electron'],
    // Sources are ESM; in a CommonJS bundle import.meta is empty, so give it this file's URL.
    banner: {
      js: "const __berthImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
    define: {
      ...common.define,
      'import.meta.url': '__berthImportMetaUrl',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    // A plain script: the sandboxed preload wrapper gives `require` but need not give `module`.
    format: 'iife',
    external: ['electron'],
  }),
]);
