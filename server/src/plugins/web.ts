/**
 * Serves the built page (`web/dist`, made by `pnpm -r build`) at `/`, and the console at `/admin`. Encapsulated: the static
 * routes and their caching policy stay here. When the page has not been built (a server-only
 * deployment, or a clone before its first build) nothing is registered.
 *
 * Only the files present at start are routed (no wildcard), so every other path keeps the API's
 * own 404. Vite names assets by content hash, so `/assets/*` are cached for a year; the HTML is
 * revalidated on every visit so a deploy reaches victims at once. The security headers (CSP)
 * come from security-headers.ts, as on every response.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** `web/dist` beside this package (the same from `src/plugins` and `dist/plugins`). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

export interface WebOptions {
  /** The built page's folder; `WEB_DIST` by default. */
  root?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

const web: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const root = options.root ?? WEB_DIST;
  if (!existsSync(`${root}/index.html`)) {
    app.log.info({ root }, 'no built page: / is not served (run pnpm -r build)');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    decorateReply: false,
    cacheControl: false,
    dotfiles: 'ignore',
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  // The operators' console: its own entry (admin.html), at /admin; its pages are `#/…` addresses.
  const consoleHtml = `${root}/admin.html`;
  if (existsSync(consoleHtml)) {
    const html = readFileSync(consoleHtml);
    app.get('/admin', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('x-robots-tag', 'noindex, nofollow').send(html),
    );
    app.get('/admin/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin', 301));
  }
};
export default web;
