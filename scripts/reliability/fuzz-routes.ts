/**
 * The fuzzer's targets: every operation the server publishes in /openapi.json, plus the routes it
 * hides from it (pages, docs, health, metrics) and the static files. Read from the running
 * server, so a route added tomorrow is fuzzed without touching this file.
 */

export type Credential = 'platform' | 'case' | 'operator' | 'none';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
}

export interface Route {
  method: string;
  /** `/v1/cases/{caseId}` */
  template: string;
  params: string[];
  /** The JSON body's schema, when the route takes one. */
  body?: JsonSchema;
  multipart: boolean;
  /** The credential the route asks for. */
  credential: Credential;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

function credentialOf(template: string): Credential {
  if (/^\/v1\/admin\/login/.test(template)) return 'none';
  if (/^\/v1\/(admin|ngo)\//.test(template)) return 'operator';
  if (/^\/v1\/cases\/\{caseId\}/.test(template)) return 'case';
  if (/^\/v1\/(match|feed|matches)/.test(template)) return 'platform';
  return 'none';
}

/** Routes outside the OpenAPI description (hidden on purpose), all reads. */
const HIDDEN: string[] = [
  '/',
  '/index.html',
  '/admin',
  '/admin/',
  '/docs',
  '/docs/',
  '/docs/json',
  '/docs/yaml',
  '/docs/static/index.html',
  '/docs/static/swagger-ui.css',
  '/favicon.svg',
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/assets/{file}',
  '/docs/static/{file}',
];

export async function discoverRoutes(url: string): Promise<Route[]> {
  const spec = (await (await fetch(`${url}/openapi.json`)).json()) as OpenApi;
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const content = operation.requestBody?.content ?? {};
      routes.push({
        method: method.toUpperCase(),
        template,
        params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content || template.endsWith('/match/file'),
        credential: credentialOf(template),
      });
    }
  }
  for (const template of HIDDEN) routes.push({ method: 'GET', template, params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), multipart: false, credential: 'none' });
  return routes;
}

/** Paths that try to reach files outside the served folders; none may answer with one. */
export const TRAVERSALS = [
  '/assets/..%2f..%2f..%2fpackage.json',
  '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/docs/static/..%2f..%2f..%2f..%2fpackage.json',
  '/docs/static/%2e%2e%2f%2e%2e%2fpackage.json',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/../../../../etc/passwd',
  '/assets/....//....//etc/passwd',
  '/index.html%00.json',
  '/.env',
  '/.git/config',
  '/admin.html/..%2f..%2fserver%2fpackage.json',
  '//etc/passwd',
  '/%5c..%5c..%5cpackage.json',
  '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
];

/** Texts that would show a file from outside the served folders was answered. */
export const LEAK_MARKERS = ['root:x:0:0', '"packageManager"', '[core]', 'DATA_DIR=', '"@disrupt/server"'];
