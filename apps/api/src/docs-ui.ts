import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';

// The interactive docs are Swagger UI served from our own origin (the swagger-ui-dist package in
// node_modules), so they work on machines without internet: no CDN script, font or validator call.

const DIST_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files of the package the docs page needs; nothing else in node_modules is reachable. */
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

export const DOCS_PATH = '/api/docs';
const ASSET_PATH = `${DOCS_PATH}/assets`;

/**
 * Everything the page loads comes from this origin; inline styles are Swagger UI's own (React style
 * attributes). No inline script: the start-up code is `docs.js`.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

// Starts Swagger UI on the document named by the page (data-spec-url), so the page says which document
// it shows and the script stays static. `validatorUrl: null`: no call to the online validator.
const DOCS_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
})();
`;

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function docsPage(specUrl: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)}</title>
<link rel="icon" type="image/png" href="${ASSET_PATH}/favicon-32x32.png">
<link rel="stylesheet" href="${ASSET_PATH}/swagger-ui.css">
<style>body { margin: 0; } .swagger-ui .information-container { padding-top: 1rem; }</style>
</head>
<body>
<div id="swagger-ui" data-spec-url="${escapeAttribute(specUrl)}"></div>
<noscript>The interactive docs need JavaScript; the OpenAPI document is at <a href="${escapeAttribute(specUrl)}">${escapeAttribute(specUrl)}</a>.</noscript>
<script src="${ASSET_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/docs.js"></script>
</body>
</html>
`;
}

/** `/api/docs` (the page), `/api/docs/docs.js` and the Swagger UI files it loads. */
export function createDocsRoutes(options: { specUrl: string; title: string }) {
  const page = docsPage(options.specUrl, options.title);
  return new Hono()
    .get(DOCS_PATH, (c) => {
      c.header('Content-Security-Policy', DOCS_CSP);
      c.header('Cache-Control', 'no-cache');
      return c.html(page);
    })
    .get(`${DOCS_PATH}/docs.js`, (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.body(DOCS_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    })
    .get(`${ASSET_PATH}/:file`, async (c) => {
      const file = c.req.param('file');
      const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
      // A missing asset falls through to the API's JSON 404.
      if (type === undefined) return c.notFound();
      const full = path.join(DIST_DIR, file);
      const info = await stat(full);
      return new Response(Readable.toWeb(createReadStream(full)) as ReadableStream, {
        status: 200,
        headers: {
          'Content-Type': type,
          'Content-Length': String(info.size),
          // The files change only with the package version; a day is plenty and keeps upgrades visible.
          'Cache-Control': 'public, max-age=86400',
        },
      });
    });
}
