import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context, MiddlewareHandler } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aether console</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Aether console API</h1>
<p>The admin app is not built (<code>apps/admin/dist</code> is missing). The API is running:</p>
<ul><li><a href="/api/docs">API docs</a></li><li><a href="/api/health">/api/health</a></li>
<li><a href="/api/actors">/api/actors</a></li></ul>
</body></html>`;

async function fileAt(file: string) {
  try {
    const info = await stat(file);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

function send(c: Context, file: string, size: number, immutable: boolean): Response {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = new Headers({
    'Content-Type': type,
    'Content-Length': String(size),
    // Vite puts content hashes in asset names; index.html must always be re-fetched.
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  const body = c.req.method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream);
  return new Response(body, { status: 200, headers });
}

/**
 * Serves the built admin app from `dir` for GET/HEAD outside `/api`: a file when one matches,
 * else `index.html` for the admin's client routes (page loads, paths without an extension). When the app
 * is not built, `/` explains how to reach the API instead.
 */
export function createStaticAdmin(dir: string): MiddlewareHandler {
  const root = path.resolve(dir);
  return async function staticAdmin(c, next) {
    const method = c.req.method;
    const urlPath = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || urlPath === '/api' || urlPath.startsWith('/api/')) {
      return next();
    }
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath);
    } catch {
      return next();
    }
    const index = path.join(root, 'index.html');
    const indexInfo = await fileAt(index);
    if (indexInfo === undefined) {
      if (urlPath === '/') return c.html(NOT_BUILT_PAGE);
      return next();
    }
    if (!relative.includes('\0')) {
      const target = path.resolve(root, `.${path.posix.normalize(relative)}`);
      // Never outside the admin directory.
      if (target.startsWith(root + path.sep)) {
        const info = await fileAt(target);
        if (info !== undefined) return send(c, target, info.size, relative.startsWith('/assets/'));
      }
    }
    // Client-side routes (`/actors/order%2F1`, or a page load of any path) get the app; a missing
    // asset (`/x.js` fetched by a script) stays 404.
    const pageLoad = (c.req.header('accept') ?? '').includes('text/html');
    if (pageLoad || path.posix.extname(urlPath) === '') return send(c, index, indexInfo.size, false);
    return next();
  };
}
