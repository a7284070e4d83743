import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and CLI share one bundle graph, with the threads that read snapshot and CSV files
// (scanWorker.js, csvWorker.js) as entries of their own beside them; the preload is CommonJS
// so it runs with `sandbox: true`.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          cli: resolve('src-main/cliMain.ts'),
          scanWorker: resolve('src-main/snapshot/scanWorker.ts'),
          csvWorker: resolve('src-main/services/csvWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the bundle parses in a fraction
      // of the time, which is most of a cold start.
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
