import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import type { CaseCredentials } from '../../lib/api.js';
import { messages } from './messages.js';

/** Case number and secret: never remembered by the browser (no autocomplete, nothing stored). */
export function SignIn({ busy, onOpen }: { busy: boolean; onOpen: (credentials: CaseCredentials) => void }) {
  const t = useMessages(messages);
  const [caseId, setCaseId] = useState('');
  const [secret, setSecret] = useState('');
  const [reveal, setReveal] = useState(false);
  const [missing, setMissing] = useState(false);
  const secretProps = {
    id: 'case-secret-input',
    // Not "off" (Chrome ignores it for passwords): a one-time code is never offered for saving.
    autoComplete: 'one-time-code',
    spellcheck: false,
    value: secret,
    onInput: (e: Event) => setSecret((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <form
      class="sign-in"
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        // Spaces are how the secret is shown (groups of four) and how people copy it: not part of it.
        const credentials = { caseId: caseId.trim().toUpperCase(), secret: secret.replace(/\s+/g, '') };
        if (credentials.caseId === '' || credentials.secret === '') setMissing(true);
        else onOpen(credentials);
      }}
    >
      <p>{t.intro}</p>
      <label for="case-number">{t.caseLabel}</label>
      <input
        id="case-number"
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        aria-describedby="case-number-hint"
        value={caseId}
        onInput={(e) => setCaseId(e.currentTarget.value)}
      />
      <p id="case-number-hint" class="hint">
        {t.caseHint}
      </p>
      <label for="case-secret-input">{t.secretLabel}</label>
      {/* Two literal types: Preact's typings refuse a text|password union on one element. */}
      {reveal ? <input type="text" {...secretProps} /> : <input type="password" {...secretProps} />}
      <div class="check">
        <input id="reveal-secret" type="checkbox" checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} />
        <label for="reveal-secret">{t.showSecret}</label>
      </div>
      {missing && (
        <p class="problem" role="alert">
          {t.missing}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? t.opening : t.open}
        </button>
      </div>
    </form>
  );
}
