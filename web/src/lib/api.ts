/**
 * The victim endpoints, from the page. Requests carry fingerprints and the case secret only; the
 * answers are never cached (the server says `no-store`, and we ask for it too). Every failure
 * becomes an ApiError whose `kind` the page turns into a sentence in the person's language —
 * the server's own English wording is never shown.
 */
import type { ImageItem, VideoItem } from '@disrupt/hash-core';

export type ApiErrorKind =
  /** No answer: offline, the server down, or the connection cut. */
  | 'network'
  /** Wrong case number or secret. */
  | 'unauthorized'
  /** Too many attempts; `retryAfterSeconds` says how long to wait. */
  | 'throttled'
  /** The case was withdrawn: nothing can be added. */
  | 'withdrawn'
  /** Our page sent something the server refused (a bug on our side). */
  | 'rejected'
  /** The server failed. */
  | 'server';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** Technical detail for developers; never shown to the person. */
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export interface StoredItem {
  itemId: number;
  quality: number;
  reliable: boolean;
  /** This photo was already in the case: it is kept once (`itemId` is the existing item). */
  alreadyInCase?: boolean;
  note?: string;
}

/** A stored item with the kind the page sent: answers list items in the order submitted. */
export interface SentItem extends StoredItem {
  type: 'image' | 'video';
}

export interface CreatedCase {
  caseId: string;
  secret: string;
  items: SentItem[];
}

export interface CaseItemView {
  itemId: number;
  type: 'image' | 'video';
  addedAt: string;
  reliable: boolean;
  status: 'active' | 'disabled' | 'withdrawn';
  withdrawnAt?: string;
}

export interface CaseView {
  caseId: string;
  status: 'active' | 'withdrawn';
  createdAt: string;
  withdrawnAt?: string;
  keptUntil: string | null;
  confirmedMatches: number;
  items: CaseItemView[];
}

export interface CaseCredentials {
  caseId: string;
  secret: string;
}

async function call<T>(method: string, path: string, options: { body?: unknown; secret?: string; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.secret !== undefined) headers.authorization = `Case ${options.secret}`;
  // The draft's structured-field string form: the key in double quotes.
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = `"${options.idempotencyKey}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    throw new ApiError('network', (error as Error).message);
  }
  if (response.ok) {
    // A Wi-Fi login page or a proxy can answer 200 with HTML: then Disrupt was not really reached.
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new ApiError('network', `${response.status} answer that is not JSON: ${(error as Error).message}`);
    }
  }
  const detail = await response.text().catch(() => '');
  switch (response.status) {
    case 401:
      throw new ApiError('unauthorized', detail);
    case 409:
      throw new ApiError('withdrawn', detail);
    case 429:
      throw new ApiError('throttled', detail, Number(response.headers.get('retry-after')) || 60);
    case 502:
    case 503:
    case 504:
      throw new ApiError('network', `${response.status} ${detail}`);
    default:
      throw new ApiError(response.status >= 500 ? 'server' : 'rejected', `${response.status} ${detail}`);
  }
}

function withTypes(stored: readonly StoredItem[], sent: readonly (ImageItem | VideoItem)[]): SentItem[] {
  return stored.map((item, i) => ({ ...item, type: sent[i]?.type === 'video' ? 'video' : 'image' }));
}

const casePath = (caseId: string) => `/v1/cases/${encodeURIComponent(caseId.trim())}`;

export const api = {
  /** `idempotencyKey`: the same for every try of one submission (lib/idempotency.ts). */
  createCase: async (items: readonly (ImageItem | VideoItem)[], referral: string | undefined, idempotencyKey: string): Promise<CreatedCase> => {
    const created = await call<CreatedCase>('POST', '/v1/cases', { body: referral === undefined ? { items } : { items, referral }, idempotencyKey });
    return { ...created, items: withTypes(created.items, items) };
  },
  viewCase: ({ caseId, secret }: CaseCredentials) => call<CaseView>('GET', casePath(caseId), { secret }),
  addItems: async ({ caseId, secret }: CaseCredentials, items: readonly (ImageItem | VideoItem)[], idempotencyKey: string) => {
    const added = await call<{ caseId: string; items: StoredItem[] }>('POST', `${casePath(caseId)}/items`, { body: { items }, secret, idempotencyKey });
    return { ...added, items: withTypes(added.items, items) };
  },
  withdrawItem: ({ caseId, secret }: CaseCredentials, itemId: number) => call<CaseView>('DELETE', `${casePath(caseId)}/items/${itemId}`, { secret }),
  withdrawCase: ({ caseId, secret }: CaseCredentials) => call<CaseView>('DELETE', casePath(caseId), { secret }),
  platforms: () => call<{ platforms: { name: string }[] }>('GET', '/v1/platforms'),
  service: () => call<{ retentionDays: number | null }>('GET', '/v1/service'),
};
