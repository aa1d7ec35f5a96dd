/**
 * autocannon for the scripts: it is a dev dependency of the server package (with its types), not
 * of the workspace root, so it is required from there. Only the parts the scripts use are typed.
 */
import { createRequire } from 'node:module';

export interface AutocannonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before each send: returns the request to make (a fresh body, address, cursor…). */
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
  /** Requests per second from all connections together (unpaced when unset). */
  overallRate?: number;
  /** Seconds before a request counts as timed out (an error). */
  timeout?: number;
}

export interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number; max: number; average: number };
  duration: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count?: number }>;
}

const require = createRequire(new URL('../../server/package.json', import.meta.url));
export const autocannon = require('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;
