/**
 * The gateway's pages: the GraphQL explorer on GET /graphql (for browsers) and
 * the network page on /network. Everything they load is served from here —
 * our own files, the shipped GeoJSON and a few vendored browser bundles from
 * node_modules — so both work with no network beyond the gateway itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Response } from 'express';
import { explorerHtml, wantsHtml } from './explorer';
import { networkHtml } from './network';

export const PUBLIC_DIR = join(__dirname, 'public');
const SEED_DATA_DIR = join(__dirname, '..', '..', 'seed', 'data');

/** Browser bundles served under /assets/vendor/, by file name: [package, file inside it]. */
const VENDOR_FILES: Record<string, [string, string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'cytoscape.min.js': ['cytoscape', 'dist/cytoscape.min.js'],
};

/** The shipped map data under /assets/geo/. */
const GEO_FILES = ['seoul_gu.geojson', 'seoul_dong_2021.geojson'];

/** A package's folder, found the way Node looks for it (its `exports` map may hide package.json). */
function packageDir(name: string): string {
  const found = (require.resolve.paths(name) ?? [])
    .map((dir) => join(dir, name))
    .find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new Error(`The pages need the npm package ${name}: run npm ci.`);
  return found;
}

/**
 * Only this origin may be reached by the pages: a page that tried to load
 * something from a CDN would show it at once as a blocked request.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

function sendPage(res: Response, html: string): void {
  res
    .status(200)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-cache',
    })
    .send(html);
}

/** Mounts the pages and their assets; call before the /graphql API middleware. */
export function mountPages(app: Express, options: { explorer: boolean }): void {
  const maxAge = 60 * 60 * 1000;
  for (const [file, [pkg, path]] of Object.entries(VENDOR_FILES)) {
    const absolute = join(packageDir(pkg), path);
    app.get(`/assets/vendor/${file}`, (_req, res) => res.sendFile(absolute, { maxAge }));
  }
  for (const file of GEO_FILES) {
    app.get(`/assets/geo/${file}`, (_req, res) =>
      res.type('application/geo+json').sendFile(join(SEED_DATA_DIR, file), { maxAge }),
    );
  }
  app.use('/assets', express.static(PUBLIC_DIR, { maxAge: 0, index: false }));

  // GET /graphql answers the API to clients that want JSON, and the explorer to a browser.
  // Off in production unless ENABLE_EXPLORER=true: the browser then gets the API's answer.
  if (options.explorer)
    app.get('/graphql', (req, res, next) => (wantsHtml(req) ? sendPage(res, explorerHtml()) : next()));
  app.get('/network', (_req, res) => sendPage(res, networkHtml()));
}
