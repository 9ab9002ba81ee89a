import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMemoryEventStore } from '@aether/adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../test/http.ts';
import { createApp } from './index.ts';

describe('the built admin app', () => {
  let root: string;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'aether-admin-'));
    const dist = path.join(root, 'dist');
    await mkdir(path.join(dist, 'assets'), { recursive: true });
    await writeFile(
      path.join(dist, 'index.html'),
      '<!doctype html><title>admin</title><div id="root"></div>',
    );
    await writeFile(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log("admin")');
    await writeFile(path.join(root, 'secret.txt'), 'outside');
    http = httpClient(createApp({ store: createMemoryEventStore(), adminDir: dist }));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('serves index.html at / and files by path, hashed assets as immutable', async () => {
    const index = await http.get('/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>admin</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await http.get('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("falls back to index.html for the admin's client routes, not for /api or missing assets", async () => {
    for (const route of ['/actors', '/actors/order%2F1', '/traces/abc', '/events/x.y']) {
      const response = await http.get(route, { accept: 'text/html' });
      expect(response.status, route).toBe(200);
      expect(response.text).toContain('<title>admin</title>');
    }
    expect((await http.get('/actors/order%2F1')).status).toBe(200);
    const api = await http.get('/api/unknown', { accept: 'text/html' });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    expect((await http.get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside its directory', async () => {
    for (const attempt of [
      '/..%2Fsecret.txt',
      '/%2E%2E/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/..\\secret.txt',
    ]) {
      const response = await http.get(attempt);
      expect(response.text, attempt).not.toContain('outside');
    }
  });

  it('without a built app, / points to the API and docs', async () => {
    const bare = httpClient(
      createApp({ store: createMemoryEventStore(), adminDir: path.join(root, 'missing') }),
    );
    const response = await bare.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('/api/docs');
    expect((await bare.get('/actors')).status).toBe(404);
  });
});
