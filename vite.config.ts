import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root: 'renderer',
  // Relative asset paths so the same build loads from file:// in Electron and from / in browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    // The polyfill is an inline script, which the shell's CSP refuses.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One bundle read from disk (or 127.0.0.1) once; splitting would buy nothing here.
    chunkSizeWarningLimit: 1024,
  },
});
