import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocale, useMessages } from '../../i18n/messages.js';
import { countMedia, counts, mediaTotal, type MediaCount, type MediaType } from '../../i18n/media-count.js';
import { api, ApiError, type CaseCredentials, type CaseView, type SentItem } from '../../lib/api.js';
import { ApiErrorMessage } from '../api-error/index.js';
import { StepHeading } from '../step-heading/index.js';
import { CaseItems } from './case-items.js';
import { Confirm } from './confirm.js';
import { formatDate } from './format-date.js';
import { messages } from './messages.js';
import { SignIn } from './sign-in.js';

export interface MyCaseProps {
  /** Known credentials (just created, or kept in memory while adding files). */
  credentials: CaseCredentials | undefined;
  onCredentials: (credentials: CaseCredentials | undefined) => void;
  onAddFiles: () => void;
  onBack: () => void;
  /** What the files just sent did to the case, to say so. */
  added?: AddedCounts;
}

/** Photos and videos new to the case, and those it already held (kept once, not added again). */
export interface AddedCounts {
  added: MediaCount;
  already: MediaCount;
}

/** Counted by item: a photo chosen twice in one go is one new photo, not one new and one already there. */
export function countAdded(items: readonly SentItem[]): AddedCounts {
  const added = new Map(items.filter((item) => !item.alreadyInCase).map((item) => [item.itemId, item.type]));
  const already = new Map(items.filter((item) => item.alreadyInCase && !added.has(item.itemId)).map((item) => [item.itemId, item.type]));
  return { added: countMedia(added.values()), already: countMedia(already.values()) };
}

type Notice = { kind: 'item'; type: MediaType; position: number } | { kind: 'all' } | ({ kind: 'added' } & AddedCounts);

/** Step 7: see a case with its number and secret; add photos or videos; withdraw one or everything. */
export function MyCase({ credentials, onCredentials, onAddFiles, onBack, added }: MyCaseProps) {
  const t = useMessages(messages);
  const locale = useLocale();
  const [view, setView] = useState<CaseView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [confirming, setConfirming] = useState<number | 'all'>();
  const [notice, setNotice] = useState<Notice | undefined>(added ? { kind: 'added', ...added } : undefined);
  // Where the focus goes once a confirmation closes (its buttons, focused, are gone): back to the
  // button that opened it after "keep", to the result after a withdrawal.
  const focusNext = useRef<'notice' | 'withdraw-all' | undefined>(undefined);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const withdrawAllRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming !== undefined || busy || !focusNext.current) return;
    (focusNext.current === 'notice' ? noticeRef : withdrawAllRef).current?.focus();
    focusNext.current = undefined;
  });

  const run = async (action: () => Promise<CaseView>, after?: Notice) => {
    setBusy(true);
    setError(undefined);
    try {
      setView(await action());
      if (confirming !== undefined) focusNext.current = 'notice';
      setConfirming(undefined);
      setNotice(after);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError('server', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  const open = (next: CaseCredentials) =>
    run(async () => {
      const seen = await api.viewCase(next);
      onCredentials(next);
      return seen;
    }, notice);

  useEffect(() => {
    if (credentials) void open(credentials);
  }, []);

  if (!view || !credentials) {
    return (
      <section class="step" data-step="case">
        <StepHeading>{t.title}</StepHeading>
        <SignIn busy={busy} onOpen={open} />
        {error && <ApiErrorMessage error={error} />}
        <div class="actions">
          <button type="button" class="secondary" onClick={onBack}>
            {t.back}
          </button>
        </div>
      </section>
    );
  }

  const active = view.status === 'active';
  // What the case protects: the kinds of its items still there (all of them once withdrawn).
  const current = view.items.filter((item) => item.status !== 'withdrawn');
  const kinds = countMedia((current.length > 0 ? current : view.items).map((item) => item.type));
  return (
    <section class="step" data-step="case" data-case-status={view.status}>
      <StepHeading>
        {t.title} <span class="case-number">{view.caseId}</span>
      </StepHeading>
      <p role="status" aria-live="polite" class="notice" tabIndex={-1} ref={noticeRef}>
        {notice?.kind === 'item' && t.itemWithdrawnNotice(notice.type, notice.position)}
        {notice?.kind === 'all' && t.allWithdrawnNotice}
        {notice?.kind === 'added' &&
          (mediaTotal(notice.already) === 0
            ? t.added(...counts(notice.added))
            : mediaTotal(notice.added) === 0
              ? t.alreadyInCase(...counts(notice.already))
              : t.addedAndAlready(...counts(notice.added), mediaTotal(notice.already)))}
      </p>
      <p class="case-status">{active ? t.statusActive(...counts(kinds)) : t.statusWithdrawn(formatDate(view.withdrawnAt ?? view.createdAt, locale))}</p>
      <p>
        {t.createdOn(formatDate(view.createdAt, locale))} {active && (view.keptUntil ? t.keptUntil(formatDate(view.keptUntil, locale)) : t.keptUntilWithdrawn)}
      </p>
      <p class="matches" data-confirmed-matches={view.confirmedMatches}>
        {t.matches(view.confirmedMatches)}
      </p>
      <h2>{t.itemsTitle(...counts(countMedia(view.items.map((item) => item.type))))}</h2>
      <CaseItems
        items={view.items}
        busy={busy}
        confirming={typeof confirming === 'number' ? confirming : undefined}
        onAsk={setConfirming}
        onWithdraw={(itemId, type, position) => run(() => api.withdrawItem(credentials, itemId), { kind: 'item', type, position })}
      />
      {error && <ApiErrorMessage error={error} />}
      {confirming === 'all' ? (
        <Confirm
          question={t.confirmAll(...counts(kinds))}
          busy={busy}
          onYes={() => run(() => api.withdrawCase(credentials), { kind: 'all' })}
          onNo={() => {
            focusNext.current = 'withdraw-all';
            setConfirming(undefined);
          }}
        />
      ) : (
        <div class="actions">
          {active && (
            <button type="button" class="primary" onClick={onAddFiles}>
              {t.addFiles}
            </button>
          )}
          {active && (
            <button type="button" class="danger" disabled={busy} ref={withdrawAllRef} onClick={() => setConfirming('all')}>
              {t.withdrawAll}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              onCredentials(undefined);
              onBack();
            }}
          >
            {t.close}
          </button>
        </div>
      )}
    </section>
  );
}
