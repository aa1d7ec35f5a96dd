import { useEffect, useState } from 'preact/hooks';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import { AdminApiError } from '../../lib/admin-api.js';
import { href } from '../../lib/route.js';
import type { Match } from '../matches/api.js';
import { formatTime } from '../matches/format.js';
import { MatchTable } from '../matches/table.js';
import type { PageProps } from '../page.js';
import { getItem, type Item } from './api.js';
import { messages } from './messages.js';
import { Moderation } from './moderation.js';
import { FrameTable, VideoFacts } from './video-frames.js';

/** One item: its fingerprints and quality (a video's duration, sampling and frames), its case and referral, its matches; disable / re-enable. Never an image. */
export function ItemDetail({ params }: PageProps) {
  const t = useMessages(messages);
  const locale = useLocale();
  const [data, setData] = useState<{ item: Item; matches: Match[]; matchCount: number }>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();

  useEffect(() => {
    getItem(params.id!).then(setData, (e: unknown) => setError(e instanceof AdminApiError ? e.problem.detail : String(e)));
  }, [params.id]);

  if (error) return <p role="alert">{t.error(error)}</p>;
  if (!data) return <p aria-busy="true">{t.loading}</p>;
  const { item, matches, matchCount } = data;
  const reviewed = (updated: Match) => setData({ ...data, matches: matches.map((m) => (m.id === updated.id ? updated : m)) });

  return (
    <section class="item-detail" data-item={item.itemId} data-status={item.status}>
      <h1>{t.title(item.itemId)}</h1>
      <p role="status" class={status ? 'notice' : undefined} id="item-status">
        {status}
      </p>
      <h2>{t.details}</h2>
      <dl class="facts">
        <dt>{t.type}</dt>
        <dd>{item.type === 'image' ? t.typeImage : t.typeVideo}</dd>
        <dt>{t.status}</dt>
        <dd data-item-status>{t[`status_${item.status}`]}</dd>
        <dt>{t.submitted}</dt>
        <dd>
          <time dateTime={item.createdAt}>{formatTime(item.createdAt, locale)}</time>
        </dd>
        <dt>{t.case}</dt>
        <dd class="mono">
          <a href={href(`/cases/${item.caseId}`)} id="item-case">
            {item.caseId}
          </a>
        </dd>
        <dt>{t.referral}</dt>
        <dd>{item.ngo ? `${item.ngo.name} (${item.ngo.code})` : t.noReferral}</dd>
        <dt>{t.quality}</dt>
        <dd>
          {item.quality ?? '—'}
          {!item.reliable && ` — ${t.unreliable}`}
        </dd>
        {item.type === 'video' && <VideoFacts item={item} />}
        {item.disabledAt && (
          <>
            <dt>{t.disabledAt}</dt>
            <dd>
              <time dateTime={item.disabledAt}>{formatTime(item.disabledAt, locale)}</time>
            </dd>
            <dt>{t.disabledReason}</dt>
            <dd data-disabled-reason>{item.disabledReason}</dd>
          </>
        )}
      </dl>

      <h2>{t.fingerprints}</h2>
      {item.signals.length === 0 ? (
        <p>{t.noFingerprints}</p>
      ) : (
        <table data-fingerprints>
          <thead>
            <tr>
              <th scope="col">{t.colSignal}</th>
              <th scope="col">{t.colValue}</th>
            </tr>
          </thead>
          <tbody>
            {item.signals.map((s) => (
              <tr key={`${s.signal}:${s.value}`}>
                <td>{s.signal}</td>
                <td class="mono">{s.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FrameTable frames={item.frames} />

      <Moderation item={item} onChanged={(updated, message) => (setData({ ...data, item: updated }), setStatus(message))} />

      <h2>{t.matches}</h2>
      <p>
        {t.matchCount(matchCount, matches.length)}
        {matchCount > matches.length && (
          <>
            {' — '}
            <a href={href('/matches')}>{t.allMatches}</a>
          </>
        )}
      </p>
      {matches.length === 0 ? <p>{t.noMatches}</p> : <MatchTable name="item" caption={t.matches} matches={matches} caseId={item.caseId} onReviewed={reviewed} />}
    </section>
  );
}
