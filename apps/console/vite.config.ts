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

/**
 * Runs the early chunk (early-start.ts) as its own async module script at the top of the page. As the entry's first
 * import alone it would wait for the whole static graph (React, antd: ≈ 0.4 s of download and compile) to be fetched
 * and parsed, since no module of a graph runs before all of it is there; async, it runs as soon as its 3 KB arrive.
 * It imports nothing statically, so it is the same module instance the entry imports later, and runs once.
 */
function earlyFirst(): Plugin {
  return {
    name: 'parkmatch-early-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const early = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'early');
        if (!early || early.type !== 'chunk') throw new Error('vite.config.ts: no early chunk in the build');
        if (early.imports.length) throw new Error(`vite.config.ts: the early chunk imports ${early.imports.join(', ')}; it must stand alone`);
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

// No @vitejs/plugin-react: Vite 8's own transform (oxc) compiles TSX with the automatic JSX runtime.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [earlyFirst(), precompress()],
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
