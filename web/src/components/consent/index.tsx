import { useRef, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import { StepHeading } from '../step-heading/index.js';
import { messages } from './messages.js';

/** Step 2: two confirmations, nothing about who the person is. */
export function Consent({ onNext, onBack }: { onNext: () => void; onBack: () => void }) {
  const t = useMessages(messages);
  const [person, setPerson] = useState(false);
  const [understand, setUnderstand] = useState(false);
  const [tried, setTried] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const missing = tried && !(person && understand);
  return (
    <section class="step" data-step="consent">
      <StepHeading>{t.title}</StepHeading>
      <p>{t.intro}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (person && understand) onNext();
          else {
            setTried(true);
            first.current?.focus();
          }
        }}
      >
        <fieldset aria-describedby={missing ? 'consent-missing' : undefined}>
          <div class="check">
            <input ref={first} id="consent-person" type="checkbox" checked={person} aria-invalid={tried && !person} onChange={(e) => setPerson(e.currentTarget.checked)} />
            <label for="consent-person">{t.person}</label>
          </div>
          <div class="check">
            <input id="consent-understand" type="checkbox" checked={understand} aria-invalid={tried && !understand} onChange={(e) => setUnderstand(e.currentTarget.checked)} />
            <label for="consent-understand">{t.understand}</label>
          </div>
        </fieldset>
        {missing && (
          <p id="consent-missing" class="problem" role="alert">
            {t.missing}
          </p>
        )}
        <p>{t.noIdentity}</p>
        <div class="actions">
          <button type="submit" class="primary">
            {t.next}
          </button>
          <button type="button" class="secondary" onClick={onBack}>
            {t.back}
          </button>
        </div>
      </form>
    </section>
  );
}
