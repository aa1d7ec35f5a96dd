import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { AdminApiError } from '../../lib/admin-api.js';
import { REVIEWS, reviewMatch, type Match } from './api.js';
import { messages } from './messages.js';

/** The review of one match: a note, then one of three decisions (the latest wins). */
export function ReviewControls({ match, onReviewed }: { match: Match; onReviewed: (updated: Match) => void }) {
  const t = useMessages(messages);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const noteId = `review-note-${match.id}`;

  const review = async (decision: (typeof REVIEWS)[number]) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await reviewMatch(match.id, decision, note);
      setNote('');
      onReviewed(updated);
    } catch (caught) {
      setError(caught instanceof AdminApiError ? caught.problem.detail : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="review" role="group" aria-label={t.reviewGroup(match.id)} data-review={match.id}>
      <label for={noteId} class="visually-hidden">
        {t.noteFor(match.id)}
      </label>
      <input id={noteId} type="text" maxLength={2000} placeholder={t.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {REVIEWS.map((decision) => (
        <button key={decision} type="button" class="small" data-decision={decision} disabled={busy} aria-pressed={match.review === decision} onClick={() => void review(decision)}>
          {t[`mark_${decision}`]}
        </button>
      ))}
      {error && <p role="alert">{t.error(error)}</p>}
    </div>
  );
}
