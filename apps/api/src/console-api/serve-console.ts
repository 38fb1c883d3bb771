import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Paths the console never answers: the API, its docs, the health check, the metrics and the queue dashboard. The
 * console's own /admin/users, /admin/tokens and /admin/audit are its pages and must survive a reload.
 */
const NOT_CONSOLE = /^\/(api|docs|docs-json|docs-yaml|health|metrics|admin\/queues)(\/|$|\?|-)/;

/** dist/console of the repository, found upward from this file (works from src/ and dist/). */
export function consoleDir(): string | undefined {
  if (process.env.PARKMATCH_CONSOLE_DIR) return resolve(process.env.PARKMATCH_CONSOLE_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps'))) return join(dir, 'dist', 'console');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>ParkMatch 控制台未构建</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>控制台尚未构建</h1>
<p>请在项目根目录运行 <code>npm run build:console</code>（<code>npm run up</code> 会自动构建），然后刷新本页。</p>
<p>接口文档：<a href="/docs">/docs</a></p></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * The build's name.br / name.gz (apps/console/vite.config.ts) for a browser that accepts them; everything else
 * falls through to express.static (and the compression middleware leaves an encoded answer alone). Kept in memory
 * once read and sent in one write: a hashed name never changes its bytes, and on the embedded database a file read
 * in 64 KB steps waited behind every query the same page had asked for (ECharts arrived after the figures).
 */
function precompressed(assets: string) {
  const kept = new Map<string, Buffer>();
  const bytes = (file: string) => {
    if (!kept.has(file) && existsSync(file)) kept.set(file, readFileSync(file)); // only files of the build: bounded
    return kept.get(file);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const type = TYPES[extname(req.path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type || req.path.includes('..')) return next();
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const pick = /\bbr\b/.test(accepts) ? ['br', '.br'] : /\bgzip\b/.test(accepts) ? ['gzip', '.gz'] : undefined;
    res.vary('Accept-Encoding');
    const body = pick && bytes(join(assets, req.path + pick[1]));
    if (!pick || !body) return next();
    res.setHeader('Content-Encoding', pick[0]!);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', body.length);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Serves the web console (dist/console) at `/`: hashed assets with a long cache, and index.html for every
 * other GET that is not under /api, /docs, /health, /metrics or /admin/queues, so the console's own routes survive a reload.
 */
export function mountConsole(app: INestApplication): void {
  const dir = consoleDir();
  const index = dir ? join(dir, 'index.html') : undefined;
  const http = app as unknown as { use: (...a: unknown[]) => void };
  if (dir && existsSync(dir)) {
    http.use('/assets', precompressed(join(dir, 'assets')));
    http.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: true }));
    http.use(express.static(dir, { index: false, maxAge: 0 }));
  }
  http.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!(req.headers.accept ?? '').includes('text/html') && req.path !== '/') return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (index && existsSync(index)) return res.sendFile(index);
    res.status(503).type('html').send(NOT_BUILT);
  });
}
