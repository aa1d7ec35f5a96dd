/**
 * OpenAPI 3 generated from the route schemas (request and response), served at /openapi.json,
 * and a documentation page at /docs served from our own origin (swagger-ui's files come from the
 * npm package, never a CDN).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'disrupt-hash',
          description:
            'Hash-only protection against the non-consensual spread of intimate images. Victims submit fingerprints (never media); partner platforms match uploads against them; operators review.',
          version: '1',
        },
        components: {
          securitySchemes: {
            platformKey: { type: 'http', scheme: 'bearer', description: 'A platform API key (scopes: match, feed, feedback)' },
            caseSecret: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Case <secret>` as given when the case was created' },
            operatorSession: { type: 'apiKey', in: 'cookie', name: 'disrupt_session' },
          },
        },
      },
    });
    // staticCSP stays off: swagger-ui's own policy allows any https: font and style host, the
    // validator.swagger.io image and framing by 'self'; our policy (security-headers.ts) is
    // stricter and enough for its files (no inline script, no eval).
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false, uiConfig: { deepLinking: false } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
