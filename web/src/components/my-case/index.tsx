import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocale, useMessages } from '../../i18n/messages.js';
import { api, ApiError, type CaseCredentials, type CaseView, type StoredItem } from '../../lib/api.js';
import { ApiErrorMessage } from '../api-error/index.js';
import { StepHeading } from '../step-heading/index.js';
import { CaseItems } from './case-items.js';
import { Confirm } from './confirm.js';
import { formatDate } from './format-date.js';
import { messages } from './messages.js';
import { SignIn } from './sign-in.js';

export interface MyCaseProps {
  /** Known credentials (just created, or kept in memory while adding photos). */
  credentials: CaseCredentials | undefined;
  onCredentials: (credentials: CaseCredentials | undefined) => void;
  onAddFiles: () => void;
  onBack: () => void;
  /** What the photos just sent did to the case, to say so. */
  added?: AddedCounts;
}

/** Photos new to the case, and photos it already held (kept once, not added again). */
export interface AddedCounts {
  added: number;
  already: number;
}

/** Counted by item: a photo chosen twice in one go is one new photo, not one new and one already there. */
export function countAdded(items: readonly StoredItem[]): AddedCounts {
  const added = new Set(items.filter((item) => !item.alreadyInCase).map((item) => item.itemId));
  const already = new Set(items.filter((item) => item.alreadyInCase && !added.has(item.itemId)).map((item) => item.itemId));
  return { added: added.size, already: already.size };
}

type Notice = { kind: 'item'; position: number } | { kind: 'all' } | ({ kind: 'added' } & AddedCounts);

/** Step 7: see a case with its number and secret; add photos; withdraw one or everything. */
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
  return (
    <section class="step" data-step="case" data-case-status={view.status}>
      <StepHeading>
        {t.title} <span class="case-number">{view.caseId}</span>
      </StepHeading>
      <p role="status" aria-live="polite" class="notice" tabIndex={-1} ref={noticeRef}>
        {notice?.kind === 'item' && t.itemWithdrawnNotice(notice.position)}
        {notice?.kind === 'all' && t.allWithdrawnNotice}
        {notice?.kind === 'added' &&
          (notice.already === 0 ? t.added(notice.added) : notice.added === 0 ? t.alreadyInCase(notice.already) : t.addedAndAlready(notice.added, notice.already))}
      </p>
      <p class="case-status">{active ? t.statusActive : t.statusWithdrawn(formatDate(view.withdrawnAt ?? view.createdAt, locale))}</p>
      <p>
        {t.createdOn(formatDate(view.createdAt, locale))} {active && (view.keptUntil ? t.keptUntil(formatDate(view.keptUntil, locale)) : t.keptUntilWithdrawn)}
      </p>
      <p class="matches" data-confirmed-matches={view.confirmedMatches}>
        {t.matches(view.confirmedMatches)}
      </p>
      <h2>{t.itemsTitle}</h2>
      <CaseItems
        items={view.items}
        busy={busy}
        confirming={typeof confirming === 'number' ? confirming : undefined}
        onAsk={setConfirming}
        onWithdraw={(itemId, position) => run(() => api.withdrawItem(credentials, itemId), { kind: 'item', position })}
      />
      {error && <ApiErrorMessage error={error} />}
      {confirming === 'all' ? (
        <Confirm
          question={t.confirmAll}
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
