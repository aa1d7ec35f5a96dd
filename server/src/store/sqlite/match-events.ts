/**
 * Match events in SQLite. Lists are paginated by keyset (a cursor naming the last row seen), so a
 * page costs the same at the end of a long history as at its start, and new events arriving
 * between two pages never shift or repeat rows.
 */
import {
  InvalidCursorError,
  MATCH_EVENT_PAGE_DEFAULT,
  MATCH_EVENT_PAGE_MAX,
  type FeedbackDecision,
  type MatchEvent,
  type MatchEventFilter,
  type MatchEventOrder,
  type MatchEventRepository,
  type ReviewDecision,
  type VideoEvidence,
} from '../match-events-repository.js';
import type { StoreContext } from './context.js';

interface MatchEventRow {
  id: number;
  platform_id: number;
  platform_name: string;
  item_id: number | null;
  case_id: string | null;
  created_at: number;
  signal: string;
  distance: number;
  variant: number | null;
  ref: string | null;
  video: string | null;
  query_quality: number | null;
  feedback: FeedbackDecision | null;
  feedback_note: string | null;
  feedback_at: number | null;
  review: ReviewDecision | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: number | null;
}

function toEvent(row: MatchEventRow): MatchEvent {
  return {
    id: row.id,
    platformId: row.platform_id,
    platformName: row.platform_name,
    itemId: row.item_id,
    caseId: row.case_id,
    createdAt: row.created_at,
    signal: row.signal,
    distance: row.distance,
    variant: row.variant,
    ref: row.ref,
    video: row.video === null ? null : (JSON.parse(row.video) as VideoEvidence),
    queryQuality: row.query_quality,
    feedback: row.feedback,
    feedbackNote: row.feedback_note,
    feedbackAt: row.feedback_at,
    review: row.review,
    reviewNote: row.review_note,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
  };
}

const SELECT = 'SELECT m.*, p.name AS platform_name FROM match_events m JOIN platforms p ON p.id = m.platform_id';
const DISPUTE_RANK = "(CASE WHEN m.feedback = 'not_ncii' THEN 0 ELSE 1 END)";
const OPEN_RANK = "(CASE WHEN m.review IS NULL OR m.review = 'needs_review' THEN 0 ELSE 1 END)";
/**
 * Keyed orders: a key (a rank or the distance) in a direction, then newest first among equal
 * keys. The SQL of the key, its direction, and how a row's key is computed for its cursor.
 */
const KEYED = {
  'disputes-first': { prefix: 'd', sql: DISPUTE_RANK, dir: 'ASC', key: (row: MatchEventRow) => (row.feedback === 'not_ncii' ? 0 : 1) },
  'open-first': { prefix: 'o', sql: OPEN_RANK, dir: 'ASC', key: (row: MatchEventRow) => (row.review === null || row.review === 'needs_review' ? 0 : 1) },
  closest: { prefix: 'c', sql: 'm.distance', dir: 'ASC', key: (row: MatchEventRow) => row.distance },
  farthest: { prefix: 'f', sql: 'm.distance', dir: 'DESC', key: (row: MatchEventRow) => row.distance },
} as const;

/** WHERE clauses and parameters for a filter (column names are ours, values are bound). */
function filterSql(filter: MatchEventFilter): { clauses: string[]; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  add('m.created_at >= @from', 'from', filter.from);
  add('m.created_at < @to', 'to', filter.to);
  add('m.platform_id = @platformId', 'platformId', filter.platformId);
  add('m.signal = @signal', 'signal', filter.signal);
  add('m.distance >= @minDistance', 'minDistance', filter.minDistance);
  add('m.distance <= @maxDistance', 'maxDistance', filter.maxDistance);
  add('m.case_id = @caseId', 'caseId', filter.caseId);
  add('m.item_id = @itemId', 'itemId', filter.itemId);
  if (filter.feedback === 'none') clauses.push('m.feedback IS NULL');
  else add('m.feedback = @feedback', 'feedback', filter.feedback);
  if (filter.review === 'none') clauses.push('m.review IS NULL');
  else add('m.review = @review', 'review', filter.review);
  return { clauses, params };
}

/**
 * Cursors: `n.<id>` (newest first), `a.<id>` (oldest first) and `<prefix>.<key>.<id>` (keyed
 * orders); each tied to its order.
 */
function cursorSql(order: MatchEventOrder, cursor: string): { clause: string; params: Record<string, unknown> } {
  if (order === 'newest' || order === 'oldest') {
    const match = new RegExp(`^${order === 'newest' ? 'n' : 'a'}\\.(\\d{1,15})$`).exec(cursor);
    if (!match) throw new InvalidCursorError();
    return { clause: order === 'newest' ? 'm.id < @afterId' : 'm.id > @afterId', params: { afterId: Number(match[1]) } };
  }
  const { prefix, sql, dir } = KEYED[order];
  const match = new RegExp(`^${prefix}\\.(\\d{1,4})\\.(\\d{1,15})$`).exec(cursor);
  if (!match) throw new InvalidCursorError();
  return {
    clause: `(${sql} ${dir === 'ASC' ? '>' : '<'} @afterKey OR (${sql} = @afterKey AND m.id < @afterId))`,
    params: { afterKey: Number(match[1]), afterId: Number(match[2]) },
  };
}

function cursorOf(order: MatchEventOrder, row: MatchEventRow): string {
  if (order === 'newest') return `n.${row.id}`;
  if (order === 'oldest') return `a.${row.id}`;
  return `${KEYED[order].prefix}.${KEYED[order].key(row)}.${row.id}`;
}

function orderSql(order: MatchEventOrder): string {
  if (order === 'newest') return 'm.id DESC';
  if (order === 'oldest') return 'm.id ASC';
  return `${KEYED[order].sql} ${KEYED[order].dir}, m.id DESC`;
}

export function createSqliteMatchEvents({ db, now }: StoreContext): MatchEventRepository {
  const insert = db.prepare(
    `INSERT INTO match_events (platform_id, item_id, case_id, created_at, signal, distance, variant, ref, video, query_quality)
     SELECT @platformId, id, case_id, @now, @signal, @distance, @variant, @ref, @video, @queryQuality
       FROM items WHERE id = @itemId AND withdrawn_at IS NULL AND disabled_at IS NULL`,
  );
  const byId = db.prepare<[number], MatchEventRow>(`${SELECT} WHERE m.id = ?`);
  const feedback = db.prepare(
    'UPDATE match_events SET feedback = @decision, feedback_note = @note, feedback_at = @now WHERE id = @id AND platform_id = @platformId',
  );
  const review = db.prepare(
    'UPDATE match_events SET review = @review, review_note = @note, reviewed_by = @operatorId, reviewed_at = @now WHERE id = @id',
  );
  const platforms = db.prepare<[], { id: number; name: string }>(
    'SELECT p.id, p.name FROM platforms p WHERE EXISTS (SELECT 1 FROM match_events m WHERE m.platform_id = p.id) ORDER BY p.name, p.id',
  );
  const recordAll = db.transaction((events: Parameters<MatchEventRepository['record']>[0], at: number) =>
    events.map((event) => {
      const { changes, lastInsertRowid } = insert.run({ ...event, video: event.video ? JSON.stringify(event.video) : null, queryQuality: event.queryQuality ?? null, now: at });
      return changes > 0 ? Number(lastInsertRowid) : null;
    }),
  );

  const get = (id: number) => {
    const row = byId.get(id);
    return row && toEvent(row);
  };

  return {
    record: (events) => (events.length === 0 ? [] : recordAll(events, now())),

    get,

    setFeedback(matchId, platformId, decision, note) {
      const { changes } = feedback.run({ id: matchId, platformId, decision, note, now: now() });
      return changes > 0 ? get(matchId) : undefined;
    },

    review(matchId, operatorId, decision, note) {
      const { changes } = review.run({ id: matchId, operatorId, review: decision, note, now: now() });
      return changes > 0 ? get(matchId) : undefined;
    },

    list(filter = {}, page = {}) {
      const order = page.order ?? 'newest';
      const limit = Math.min(Math.max(Math.trunc(page.limit ?? MATCH_EVENT_PAGE_DEFAULT), 1), MATCH_EVENT_PAGE_MAX);
      const { clauses, params } = filterSql(filter);
      if (page.cursor !== undefined) {
        const after = cursorSql(order, page.cursor);
        clauses.push(after.clause);
        Object.assign(params, after.params);
      }
      const where = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
      const orderBy = orderSql(order);
      // One row more than asked tells whether there is a next page.
      const rows = db.prepare<[Record<string, unknown>], MatchEventRow>(`${SELECT}${where} ORDER BY ${orderBy} LIMIT ${limit + 1}`).all(params);
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      return { events: shown.map(toEvent), next: more ? cursorOf(order, shown[shown.length - 1]!) : null };
    },

    count(filter = {}) {
      const { clauses, params } = filterSql(filter);
      const where = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
      return db.prepare<[Record<string, unknown>], { n: number }>(`SELECT COUNT(*) AS n FROM match_events m${where}`).get(params)!.n;
    },

    platforms: () => platforms.all(),
  };
}
