import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { AdminApiError } from '../../lib/admin-api.js';
import { href } from '../../lib/route.js';
import type { PageProps } from '../page.js';
import { allMatches, listDisputes, listMatches, matchPlatforms, type Match, type MatchList } from './api.js';
import { csvFileName, download, toCsv } from './csv.js';
import { FilterForm } from './filters.js';
import { messages } from './messages.js';
import { apiQuery, filtersOf } from './query.js';
import { MatchTable } from './table.js';

const errorText = (error: unknown) => (error instanceof AdminApiError ? error.problem.detail : String(error));

/**
 * The match log: the dispute queue first, then every match under the filters of the address
 * (`#/matches?platform=3&feedback=not_ncii&order=closest`), paginated, reviewable, exportable.
 */
export function MatchLog({ route }: PageProps) {
  const t = useMessages(messages);
  const filters = filtersOf(route.query);
  const cursor = route.query.get('cursor') ?? undefined;
  const limit = route.query.get('limit') ?? undefined;
  const [log, setLog] = useState<MatchList>();
  const [disputes, setDisputes] = useState<MatchList>();
  const [platforms, setPlatforms] = useState<{ id: number; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const queryKey = route.query.toString();

  useEffect(() => {
    setLog(undefined);
    setError(undefined);
    listMatches({ ...apiQuery(filters), cursor, limit }).then(setLog, (e: unknown) => setError(errorText(e)));
  }, [queryKey]);
  useEffect(() => {
    listDisputes().then(setDisputes, (e: unknown) => setError(errorText(e)));
    matchPlatforms().then((r) => setPlatforms(r.platforms), () => setPlatforms([]));
  }, []);

  /** A review changes the row wherever it shows (the dispute queue and the log). */
  const reviewed = (updated: Match) => {
    const replace = (list: MatchList | undefined) => list && { ...list, matches: list.matches.map((m) => (m.id === updated.id ? updated : m)) };
    setLog(replace);
    setDisputes(replace);
    setStatus(t.reviewed(updated.id, updated.review ? t[`review_${updated.review}`] : t.notReviewed));
  };

  const exportCsv = async () => {
    setExporting(true);
    setStatus(t.exporting);
    try {
      const rows = await allMatches(apiQuery(filters));
      download(toCsv(rows), csvFileName());
      setStatus(t.exported(rows.length));
    } catch (e) {
      setStatus(undefined);
      setError(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const here = Object.fromEntries(Object.entries(filters));
  return (
    <section class="match-log">
      <h1>{t.title}</h1>
      <p class="hint">{t.intro}</p>
      <p role="status" class={status ? 'notice' : undefined} id="match-status">
        {status}
      </p>
      {error && <p role="alert">{t.error(error)}</p>}

      <section aria-labelledby="disputes-title" id="disputes">
        <h2 id="disputes-title">{t.disputes}</h2>
        <p class="hint">{t.disputesIntro}</p>
        {!disputes ? (
          <p aria-busy="true">{t.loading}</p>
        ) : disputes.matches.length === 0 ? (
          <p>{t.noDisputes}</p>
        ) : (
          <>
            <p data-dispute-total>{t.total(disputes.total)}</p>
            <MatchTable name="disputes" caption={t.disputes} matches={disputes.matches} onReviewed={reviewed} />
          </>
        )}
      </section>

      <section aria-labelledby="log-title" id="log">
        <h2 id="log-title">{t.log}</h2>
        <FilterForm key={queryKey} filters={filters} platforms={platforms} />
        <div class="log-bar">
          <p data-total={log?.total}>{log ? t.total(log.total) : t.loading}</p>
          <button type="button" class="secondary" id="export-csv" disabled={exporting || !log} onClick={() => void exportCsv()}>
            {exporting ? t.exporting : t.exportCsv}
          </button>
        </div>
        {log && log.matches.length === 0 && <p>{t.empty}</p>}
        {log && log.matches.length > 0 && <MatchTable name="log" caption={t.log} matches={log.matches} onReviewed={reviewed} />}
        {log && (cursor || log.next) && (
          <nav class="pager" aria-label={t.log}>
            {cursor && (
              <a href={href('/matches', { ...here, limit })} id="first-page">
                {t.firstPage}
              </a>
            )}
            {log.next && (
              <a href={href('/matches', { ...here, limit, cursor: log.next })} id="next-page">
                {t.nextPage}
              </a>
            )}
          </nav>
        )}
      </section>
    </section>
  );
}
