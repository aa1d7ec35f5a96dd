import { useEffect, useState } from 'preact/hooks';
import { countMedia, counts, mediaTotal } from '../../i18n/media-count.js';
import { useMessages } from '../../i18n/messages.js';
import type { CreatedCase } from '../../lib/api.js';
import { StepHeading } from '../step-heading/index.js';
import { messages } from './messages.js';

/** A neutral name: someone glancing at a downloads folder learns nothing from it. */
export const CREDENTIALS_FILE_NAME = 'notes.txt';

/** Step 6: the case number and secret, shown large once, with copy, download and print. */
export function CaseCreated({ created, onOpenCase, onFinish }: { created: CreatedCase; onOpenCase: () => void; onFinish: () => void }) {
  const t = useMessages(messages);
  const [copied, setCopied] = useState<'case' | 'secret' | 'failed'>();
  const download = useDownloadUrl(
    `${t.fileHeading}\n\n${t.fileCase(created.caseId)}\n${t.fileSecret(created.secret)}\n${t.fileWhere(`${window.location.origin}/`)}\n`,
  );
  // The same file picked twice is kept once: counted by item.
  const kinds = new Map(created.items.map((item) => [item.itemId, item.type]));
  const low = countMedia(new Map(created.items.filter((item) => !item.reliable).map((item) => [item.itemId, item.type])).values());

  const copy = (what: 'case' | 'secret', text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(what),
      () => setCopied('failed'),
    );

  return (
    <section class="step" data-step="created">
      <StepHeading>{t.title}</StepHeading>
      <p>{t.protected(...counts(countMedia(kinds.values())))}</p>
      {mediaTotal(low) > 0 && <p class="warning">{t.lowQuality(...counts(low))}</p>}
      {/* A named region (a plain div's aria-labelledby is ignored); the copy buttons sit in a dd: a dl may hold only dt/dd groups. */}
      <section class="credentials" aria-labelledby="keep-title">
        <h2 id="keep-title">{t.keepTitle}</h2>
        <dl>
          <div>
            <dt>{t.caseLabel}</dt>
            <dd id="case-id" class="credential">
              {created.caseId}
            </dd>
            <dd class="copy no-print">
              <button type="button" class="secondary" aria-label={t.copyCase} onClick={() => copy('case', created.caseId)}>
                {t.copy}
              </button>
            </dd>
          </div>
          <div>
            <dt>{t.secretLabel}</dt>
            {/* In groups of four, easier to copy by hand; the page accepts it with or without spaces. */}
            <dd id="case-secret" class="credential" data-secret={created.secret}>
              {groupsOfFour(created.secret)}
            </dd>
            <dd class="copy no-print">
              <button type="button" class="secondary" aria-label={t.copySecret} onClick={() => copy('secret', created.secret)}>
                {t.copy}
              </button>
            </dd>
          </div>
        </dl>
        <p class="warning" role="note">
          {t.warning}
        </p>
      </section>
      <p role="status" aria-live="polite" class="no-print">
        {copied === 'failed' ? t.copyFailed : copied === 'case' ? t.copiedCase : copied === 'secret' ? t.copiedSecret : ''}
      </p>
      <div class="actions no-print">
        {download && (
          <a class="button secondary" href={download} download={CREDENTIALS_FILE_NAME}>
            {t.download}
          </a>
        )}
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t.print}
        </button>
        <button type="button" class="primary" onClick={onOpenCase}>
          {t.seeCase}
        </button>
        <button type="button" class="secondary" onClick={onFinish}>
          {t.finish}
        </button>
      </div>
    </section>
  );
}

export function groupsOfFour(text: string): string {
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A blob: URL for the text, revoked when the step is left (nothing kept by the browser). */
function useDownloadUrl(text: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const next = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [text]);
  return url;
}
