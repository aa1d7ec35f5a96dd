import { useEffect, useRef } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import { messages } from './messages.js';

/** An in-page confirmation (not window.confirm): its question is announced and takes the focus. */
export function Confirm({ question, busy, onYes, onNo }: { question: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const t = useMessages(messages);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  // Its buttons are disabled while the request runs, which drops the focus; if the request failed
  // the confirmation is still here: take the focus back so the keyboard is not lost.
  useEffect(() => {
    if (!busy && (document.activeElement === null || document.activeElement === document.body)) ref.current?.focus();
  }, [busy]);
  return (
    <div class="confirm" role="group" aria-label={question} tabIndex={-1} ref={ref}>
      <p>{question}</p>
      <button type="button" class="danger" disabled={busy} onClick={onYes}>
        {t.yesWithdraw}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={onNo}>
        {t.keep}
      </button>
    </div>
  );
}
