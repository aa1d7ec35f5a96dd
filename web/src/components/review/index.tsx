import type { ImageItem, VideoItem } from '@disrupt/hash-core';
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import { ApiError } from '../../lib/api.js';
import type { HashEntry } from '../../lib/use-hash-files.js';
import { ApiErrorMessage } from '../api-error/index.js';
import { Fingerprints } from '../fingerprints/index.js';
import { StepHeading } from '../step-heading/index.js';
import { messages } from './messages.js';

type DoneEntry = Extract<HashEntry, { state: 'done' }>;

export interface ReviewProps {
  entries: readonly HashEntry[];
  /** Sends the items; rejects with an ApiError. The fingerprints stay in memory for a retry. */
  onSend: (items: (ImageItem | VideoItem)[]) => Promise<void>;
  onRemove: (key: number) => void;
  onBack: () => void;
  /** Extra fields sent with the items (the referral code), shown in the exact-data view. */
  extra?: Record<string, string>;
}

/** Step 5: the exact fingerprints that will be sent, then step 6's send button. */
export function Review({ entries, onSend, onRemove, onBack, extra = {} }: ReviewProps) {
  const t = useMessages(messages);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const done = entries.filter((e): e is DoneEntry => e.state === 'done');
  const skipped = entries.length - done.length;
  const items = done.map((e) => e.result.item);

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      await onSend(items);
    } catch (failure) {
      // Anything other than an ApiError (a bug) still gets a sentence, never an empty alert.
      setError(failure instanceof ApiError ? failure : new ApiError('server', String(failure)));
      setSending(false);
    }
  };

  return (
    <section class="step" data-step="review">
      <StepHeading>{t.title}</StepHeading>
      <p>{t.intro}</p>
      {done.length === 0 ? <p>{t.nothing}</p> : <p>{t.count(done.length)}</p>}
      {skipped > 0 && <p class="hint">{t.skipped(skipped)}</p>}
      <Fingerprints entries={done} onRemove={onRemove} />
      {done.length > 0 && (
        <details class="exact">
          <summary>{t.exactTitle}</summary>
          <pre data-exact-body>{JSON.stringify({ items, ...extra }, null, 2)}</pre>
        </details>
      )}
      {error && <ApiErrorMessage error={error} />}
      <div class="actions">
        {done.length > 0 && (
          <button type="button" class="primary" id="send" disabled={sending} aria-busy={sending} onClick={send}>
            {sending ? t.sending : error ? t.retry : t.send}
          </button>
        )}
        <button type="button" class="secondary" disabled={sending} onClick={onBack}>
          {t.back}
        </button>
      </div>
    </section>
  );
}
