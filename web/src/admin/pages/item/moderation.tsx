import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { AdminApiError } from '../../lib/admin-api.js';
import { disableItem, enableItem, type Item } from './api.js';
import { messages } from './messages.js';

/** Disable (a reason is required) or re-enable an item; a withdrawn item is the victim's, not ours. */
export function Moderation({ item, onChanged }: { item: Item; onChanged: (item: Item, message: string) => void }) {
  const t = useMessages(messages);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (item.status === 'withdrawn') return null;
  const disabling = item.status === 'active';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (disabling && !reason.trim()) {
      setError(t.reasonRequired);
      document.getElementById('moderation-reason')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = disabling ? await disableItem(item.itemId, reason.trim()) : await enableItem(item.itemId, reason);
      setReason('');
      onChanged(updated, disabling ? t.disabledNow : t.enabledNow);
    } catch (caught) {
      setError(caught instanceof AdminApiError ? caught.problem.detail : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="moderation-title" class="moderation">
      <h2 id="moderation-title">{disabling ? t.disableTitle : t.enableTitle}</h2>
      {disabling && <p class="hint">{t.disableIntro}</p>}
      <form id="moderation" onSubmit={(e) => void submit(e)} noValidate>
        <label for="moderation-reason">{disabling ? t.reason : t.enableReason}</label>
        <textarea
          id="moderation-reason"
          rows={2}
          maxLength={2000}
          required={disabling}
          aria-invalid={error === t.reasonRequired ? 'true' : undefined}
          aria-describedby={error ? 'moderation-error' : undefined}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <p role="alert" id="moderation-error">
            {error}
          </p>
        )}
        <button type="submit" id={disabling ? 'disable-item' : 'enable-item'} class={disabling ? 'danger' : 'primary'} disabled={busy}>
          {disabling ? t.disable : t.enable}
        </button>
      </form>
    </section>
  );
}
