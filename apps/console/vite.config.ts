import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes name.br and name.gz beside each script and style sheet once, at the highest levels (the API serves them
 * as they are, apps/api/src/console-api/serve-console.ts): a third less than compressing on the fly at speed.
 */
function precompress(): Plugin {
  return {
    name: 'parkmatch-precompress',
    apply: 'build',
    writeBundle(opts) {
      const dir = join(opts.dir!, 'assets');
      for (const f of readdirSync(dir)) {
        if (!/\.(js|css|svg)$/.test(f)) continue;
        const body = readFileSync(join(dir, f));
        if (body.length < 1024) continue;
        writeFileSync(join(dir, f + '.br'), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(join(dir, f + '.gz'), gzipSync(body, { level: 9 }));
      }
    },
  };
}

// No @vitejs/plugin-react: Vite 8's own transform (oxc) compiles TSX with the automatic JSX runtime.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    rolldownOptions: {
      // Named vendor chunks that change seldom (kept in the browser cache across console releases); antd stays split
      // by page so the dashboard does not download the upload, steps or timeline code it never shows.
      output: {
        codeSplitting: {
          groups: [
            // Its own chunk, the entry's first import: it runs once the scripts are fetched, before antd and React are run.
            { name: 'early', test: /apps[\\/]console[\\/]src[\\/](early-start|early-reads|stored-session|home)\.ts$/, priority: 2 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
          ],
        },
      },
      // antd marks its modules "use client" for React Server Components; irrelevant in a browser bundle.
      onwarn(w, warn) {
        if (w.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(w);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
