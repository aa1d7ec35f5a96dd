/**
 * Serves the built page (`web/dist`, made by `pnpm -r build`) at `/`. Encapsulated: the static
 * routes and their caching policy stay here. When the page has not been built (a server-only
 * deployment, or a clone before its first build) nothing is registered.
 *
 * Only the files present at start are routed (no wildcard), so every other path keeps the API's
 * own 404. Vite names assets by content hash, so `/assets/*` are cached for a year; the HTML is
 * revalidated on every visit so a deploy reaches victims at once. The security headers (CSP)
 * come from security-headers.ts, as on every response.
 */
import { existsSync } from 'node:fs';
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
};
export default web;
