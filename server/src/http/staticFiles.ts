import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The built console: each asset is sent as its .br or .gz twin (written at build, see vite.config.ts)
 * when the browser accepts it, else as is, with the same Cache-Control either way (cacheControl).
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
    res.set('Cache-Control', cacheControl(req.path));
    res.sendFile(path + variant[1], { cacheControl: false });
  };
  return [
    precompressed,
    express.static(clientDir, {
      index: false,
      cacheControl: false,
      setHeaders: (res, _path) => res.setHeader('Cache-Control', cacheControl(res.req.path)),
    }),
  ];
}

/**
 * One answer per path whichever copy is sent (compressed twin or original): hashed bundles never change;
 * index.html names this build's hashed bundles, so it is revalidated on every load or a browser keeps
 * running the previous release after a deploy; anything else (icons, robots.txt) may be an hour old.
 */
export function cacheControl(path: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (path.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}
