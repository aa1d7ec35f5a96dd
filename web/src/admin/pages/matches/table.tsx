import { useLocale, useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import { href, navigate } from '../../lib/route.js';
import type { Match } from './api.js';
import { formatTime } from './format.js';
import { messages } from './messages.js';
import { ReviewControls } from './review.js';
import { VideoEvidence } from './video-evidence.js';

interface Props {
  caption: string;
  matches: readonly Match[];
  onReviewed: (updated: Match) => void;
  /** The full case id when every row belongs to one known case (item and case pages). */
  caseId?: string;
  /** The data attribute naming the table for tests and styles. */
  name: string;
}

/**
 * Matches as rows: when, which platform and its reference, the signal (with a video match's
 * evidence) and distance, the item and case, the platform's feedback and the operator's review with its controls.
 */
export function MatchTable({ caption, matches, onReviewed, caseId, name }: Props) {
  const t = useMessages(messages);
  const locale = useLocale();
  return (
    <div class="table-scroll">
      <table data-matches={name}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colTime}</th>
            <th scope="col">{t.colPlatform}</th>
            <th scope="col">{t.colRef}</th>
            <th scope="col">{t.colSignal}</th>
            <th scope="col">{t.colDistance}</th>
            <th scope="col">{t.colItem}</th>
            <th scope="col">{t.colCase}</th>
            <th scope="col">{t.colFeedback}</th>
            <th scope="col">{t.colReview}</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id} data-match={m.id}>
              <td>
                <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
              </td>
              <td>{m.platform.name}</td>
              <td class="mono">{m.ref ?? '—'}</td>
              <td>
                {m.signal}
                {m.video && <VideoEvidence evidence={m.video} />}
              </td>
              <td data-distance>
                {m.distance}
                {m.queryQuality !== null && (
                  <div class="hint" data-query-quality={m.queryQuality}>
                    {t.underFloorQuery(m.queryQuality)}
                  </div>
                )}
              </td>
              <td>{m.itemId === null ? t.deleted : <a href={href(`/items/${m.itemId}`)}>{t.itemLink(m.itemId)}</a>}</td>
              <td class="mono">
                <CaseLink match={m} caseId={caseId} />
              </td>
              <td data-feedback={m.feedback ?? 'none'}>
                {m.feedback ? t[`feedback_${m.feedback}`] : t.noFeedback}
                {m.feedbackNote && <div class="hint">{m.feedbackNote}</div>}
              </td>
              <td data-review-state={m.review ?? 'none'}>
                <p class="review-state">
                  {m.review ? t[`review_${m.review}`] : t.notReviewed}
                  {m.reviewedBy?.username && ` ${t.reviewedBy(m.reviewedBy.username)}`}
                </p>
                {m.reviewNote && <p class="hint">{m.reviewNote}</p>}
                <ReviewControls match={m} onReviewed={onReviewed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The match log only knows the case shortened (the server does not list full case ids); the
 * link opens the item's case once the item says which it is. Without script: the item.
 */
function CaseLink({ match, caseId }: { match: Match; caseId: string | undefined }) {
  if (match.caseRef === null) return <>—</>;
  if (caseId) return <a href={href(`/cases/${caseId}`)}>{match.caseRef}</a>;
  if (match.itemId === null) return <>{match.caseRef}</>;
  const itemId = match.itemId;
  const open = async (event: Event) => {
    event.preventDefault();
    const { item } = await http.get<{ item: { caseId: string } }>(`/v1/admin/items/${itemId}`);
    navigate(`/cases/${item.caseId}`);
  };
  return (
    <a href={href(`/items/${itemId}`)} data-case-link onClick={(e) => void open(e)}>
      {match.caseRef}
    </a>
  );
}
