/**
 * Alerts (reviewers and admins): items the server quarantined because platforms disputed them
 * (bank poisoning), with the rule that fired and its counts. Each open alert is decided here:
 * restore (it matches again) or keep disabled, with an optional note; both are audited.
 */
import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import { href } from '../../lib/route.js';
import { Confirm, Outcome, Problem, RecordTable, useAction, useFormatTime, useLoaded } from '../admin-common/index.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

type Decision = 'restore' | 'disable';
type Status = 'open' | 'decided' | 'all';

interface Alert {
  id: number;
  itemId: number;
  caseId: string;
  itemType: 'image' | 'video';
  itemStatus: 'active' | 'disabled' | 'withdrawn';
  createdAt: string;
  reason: 'disputed' | 'abnormal_rate';
  disputingPlatforms: number;
  windowMatches: number;
  matchingPlatforms: number;
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

interface AlertList {
  alerts: Alert[];
  total: number;
  open: number;
  rules: { platforms: number; matches: number; hours: number };
}

const STATUSES: readonly Status[] = ['open', 'decided', 'all'];

export function Alerts({ route }: PageProps) {
  const t = useMessages(messages);
  const time = useFormatTime();
  const requested = route.query.get('status') as Status | null;
  const status: Status = requested && STATUSES.includes(requested) ? requested : 'open';
  const list = useLoaded(() => http.get<AlertList>('/v1/admin/alerts', { status, limit: 200 }), [status]);
  const [pending, setPending] = useState<{ alert: Alert; decision: Decision; note: string }>();
  const action = useAction(() => {
    setPending(undefined);
    return list.reload();
  });

  const decide = () =>
    pending &&
    action.run(async () => {
      const { alert, decision, note } = pending;
      await http.post(`/v1/admin/alerts/${alert.id}/decision`, { decision, ...(note.trim() ? { note: note.trim() } : {}) });
      action.setNotice(decision === 'restore' ? t.doneRestore(alert.itemId) : t.doneDisable(alert.itemId));
    });

  const itemStatus = { active: t.statusActive, disabled: t.statusDisabled, withdrawn: t.statusWithdrawn };
  const data = list.data;
  return (
    <section class="admin-page" data-page="alerts">
      <h1>{t.title}</h1>
      {data && <p>{t.intro(data.rules.platforms, data.rules.matches, data.rules.hours)}</p>}
      <nav aria-label={t.show} class="filters">
        {STATUSES.map((s) => (
          <a key={s} href={href('/alerts', { status: s === 'open' ? undefined : s })} aria-current={s === status ? 'page' : undefined} class="button">
            {t[s]}
          </a>
        ))}
      </nav>
      <Problem text={list.error} />
      <Outcome problem={action.problem} notice={action.notice} />
      {data && (
        <p role="status" data-open-count={data.open}>
          {t.openCount(data.open)}
        </p>
      )}
      {pending && (
        <div data-pending={pending.alert.id}>
          <label>
            {t.note}
            <input id="alert-note" maxLength={2000} value={pending.note} onInput={(e) => setPending({ ...pending, note: e.currentTarget.value })} />
          </label>
          <Confirm
            question={pending.decision === 'restore' ? t.confirmRestore(pending.alert.itemId) : t.confirmDisable(pending.alert.itemId)}
            onConfirm={() => void decide()}
            onCancel={() => setPending(undefined)}
            busy={action.busy}
          />
        </div>
      )}
      {!data ? (
        !list.error && <p aria-busy="true">…</p>
      ) : data.alerts.length === 0 ? (
        <p data-empty>{t.none}</p>
      ) : (
        <RecordTable columns={[t.when, t.item, t.reason, t.counts, t.status, t.decision]}>
          {data.alerts.map((alert) => (
            <tr key={alert.id} data-alert={alert.id} data-item={alert.itemId}>
              <td>{time(alert.createdAt)}</td>
              <td>
                <a href={href(`/items/${alert.itemId}`)}>#{alert.itemId}</a> · <a href={href(`/cases/${encodeURIComponent(alert.caseId)}`)}>{alert.caseId}</a>
              </td>
              <td data-reason={alert.reason}>{alert.reason === 'disputed' ? t.disputed : t.abnormalRate}</td>
              <td>{t.countsText(alert.disputingPlatforms, alert.windowMatches, alert.matchingPlatforms)}</td>
              <td data-item-status={alert.itemStatus}>{itemStatus[alert.itemStatus]}</td>
              <td>
                {alert.decision ? (
                  <span data-decision={alert.decision}>
                    {alert.decision === 'restore' ? t.restored : t.disabledDecision} {t.by(alert.decidedBy, time(alert.decidedAt))}
                    {alert.note && <> — {alert.note}</>}
                  </span>
                ) : (
                  <>
                    <button type="button" data-decide="restore" disabled={action.busy} onClick={() => setPending({ alert, decision: 'restore', note: '' })}>
                      {t.restore}
                    </button>{' '}
                    <button type="button" data-decide="disable" disabled={action.busy} onClick={() => setPending({ alert, decision: 'disable', note: '' })}>
                      {t.disable}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
    </section>
  );
}
