/**
 * The console's calls to /v1/admin and /v1/ngo: the session cookie goes by itself (same origin,
 * HttpOnly), the CSRF token is added to every state-changing request. Failures become an
 * AdminApiError carrying the server's problem details (status, the field at fault, the wait), so
 * a page can say precisely what went wrong. A 401 means the session ended: `onSessionEnded` lets
 * the console go back to the sign-in form.
 */
export interface Problem {
  status: number;
  detail: string;
  field?: string;
  retryAfterSeconds?: number;
}

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

let csrfToken: string | undefined;
let sessionEnded: () => void = () => {};

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function onSessionEnded(callback: () => void): void {
  sessionEnded = callback;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The sign-in calls: a 401 there is a wrong password, not an ended session. */
  signIn?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    throw new AdminApiError({ status: 0, detail: (error as Error).message });
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => ({}))) as { detail?: string; field?: string };
  const problem: Problem = { status: response.status, detail: body.detail ?? response.statusText };
  if (body.field !== undefined) problem.field = body.field;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (retryAfter > 0) problem.retryAfterSeconds = retryAfter;
  if (response.status === 401 && !options.signIn) sessionEnded();
  throw new AdminApiError(problem);
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
