import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The built console: each asset is sent as its .br or .gz twin (written at build, see vite.config.ts)
 * when the browser accepts it, else as is. Hashed assets are immutable for a year; index.html is
 * revalidated so a deploy is picked up at the next load.
 */
export function staticFiles(clientDir: string): RequestHandler[] {
  const root = normalize(clientDir + sep);
  const precompressed: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const accepts = req.get('accept-encoding') ?? '';
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed escape: let express.static answer it
    }
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return next();
    const variant = [
      ['br', '.br'],
      ['gzip', '.gz'],
    ].find(
      ([encoding, suffix]) => new RegExp(`\\b${encoding}\\b`).test(accepts) && existsSync(path + suffix),
    );
    res.vary('Accept-Encoding');
    if (!variant) return next();
    res.set('Content-Encoding', variant[0]);
    res.type(extname(path));
    res.sendFile(path + variant[1], { maxAge: cacheFor(req.path), immutable: isHashed(req.path) });
  };
  return [
    precompressed,
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      // index.html names this build's hashed bundles: revalidated on every load, or a browser keeps
      // running the previous release after a deploy.
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  ];
}

const isHashed = (path: string) => path.startsWith('/assets/');
const cacheFor = (path: string) => (isHashed(path) ? '365d' : 0);
