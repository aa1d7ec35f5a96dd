/**
 * Security headers on every response. The CSP allows our own origin only: no CDN, font or
 * analytics host can ever be reached from our pages (victims' browsing must not leak anywhere).
 * 'wasm-unsafe-eval' lets the page run its WebAssembly decoders, served from our own origin.
 */
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    });
    app.addHook('onSend', async (_request, reply) => {
      // Nothing we answer may be cached by a shared cache (case status, matches, sessions).
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    });
  },
  { name: 'security-headers' },
);
