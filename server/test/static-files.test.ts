import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { makeTestApp, type TestApp } from './harness';

/** The built console is sent precompressed (written at build), with the type of the original file. */

let t: TestApp;
let app: ReturnType<typeof createApp>;
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;

beforeEach(() => {
  t = makeTestApp();
  const clientDir = join(t.dir, 'client');
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(clientDir, 'assets', 'app-1a2b.js'), SCRIPT);
  writeFileSync(join(clientDir, 'assets', 'app-1a2b.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(clientDir, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
  app = createApp(t.deps, { clientDir });
});
afterEach(() => t.close());

describe('static assets', () => {
  it('when the browser accepts brotli, then the .br twin is sent as JavaScript, cacheable for good', async () => {
    const res = await request(app)
      .get('/assets/app-1a2b.js')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
  });

  it('when only gzip is accepted, then the .gz twin; when nothing is, then the plain file', async () => {
    const gz = await request(app).get('/assets/app-1a2b.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(SCRIPT);
    const plain = await request(app).get('/assets/app-1a2b.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('when a file is sent compressed or as is, then its Cache-Control is the same', async () => {
    const clientDir = join(t.dir, 'client');
    writeFileSync(join(clientDir, 'robots.txt'), 'User-agent: *\n'.repeat(100));
    writeFileSync(join(clientDir, 'robots.txt.br'), brotliCompressSync('User-agent: *\n'.repeat(100)));
    const cases: [string, string][] = [
      ['/robots.txt', 'public, max-age=3600'],
      ['/assets/app-1a2b.js', 'public, max-age=31536000, immutable'],
    ];
    for (const [path, expected] of cases) {
      for (const encoding of ['br', 'identity']) {
        const res = await request(app).get(path).set('Accept-Encoding', encoding);
        expect(res.status, `${path} ${encoding}`).toBe(200);
        expect(res.headers['cache-control'], `${path} ${encoding}`).toBe(expected);
      }
    }
  });

  it('when a path climbs out of the client folder, then it is not served', async () => {
    const res = await request(app).get('/assets/..%2F..%2Ftest.db').set('Accept-Encoding', 'br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).not.toContain('SQLite format');
  });
});
