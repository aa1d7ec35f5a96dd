/**
 * Partner platforms (admins): the list with scopes, thresholds and video settings, listing, status and last activity;
 * create one (its key shown once), rotate a key (shown once; the old one refused at once), revoke,
 * and edit scopes, thresholds and listing.
 */
import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import { Confirm, ShownOnce, useFormatTime, useLoaded, useYesNo, Outcome, RecordTable, useAction } from '../admin-common/index.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';
import { readSettings, SettingsFields, settingText, type Settings } from './settings.js';

interface PlatformView extends Settings {
  id: number;
  name: string;
  status: 'active' | 'revoked';
  keyHint: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}
type WithKey = { platform: PlatformView; apiKey: string };
type Pending = { id: number; action: 'rotate' | 'revoke' | 'edit' };

export function Platforms(_props: PageProps) {
  const t = useMessages(messages);
  const time = useFormatTime();
  const yesNo = useYesNo();
  const list = useLoaded(() => http.get<{ platforms: PlatformView[] }>('/v1/admin/platforms'));
  const [newKey, setNewKey] = useState<WithKey>();
  const [pending, setPending] = useState<Pending>();
  // Runs one change, then shows the fresh list (or why it failed).
  const { busy, problem, notice, setProblem, setNotice, run } = useAction(() => {
    setPending(undefined);
    return list.reload();
  });

  const create = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const settings = readSettings(form);
    if (settings.scopes.length === 0) return setProblem(t.scopesRequired);
    const name = String(new FormData(form).get('name')).trim();
    void run(async () => {
      setNewKey(await http.post<WithKey>('/v1/admin/platforms', { name, ...settings }));
      form.reset();
    });
  };
  const rotate = (p: PlatformView) => run(async () => setNewKey(await http.post<WithKey>(`/v1/admin/platforms/${p.id}/rotate-key`)));
  const revoke = (p: PlatformView) =>
    run(async () => {
      await http.post(`/v1/admin/platforms/${p.id}/revoke`);
      setNotice(t.revokedNotice(p.name));
    });
  const save = (p: PlatformView, event: Event) => {
    event.preventDefault();
    const settings = readSettings(event.currentTarget as HTMLFormElement, p);
    if (settings.scopes.length === 0) return setProblem(t.scopesRequired);
    void run(async () => {
      await http.patch(`/v1/admin/platforms/${p.id}`, settings);
      setNotice(t.saved(p.name));
    });
  };

  const platforms = list.data?.platforms;
  return (
    <section class="admin-page" data-page="platforms">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {newKey && (
        <ShownOnce id="new-key" title={t.newKeyTitle(newKey.platform.name)} value={newKey.apiKey} onDone={() => setNewKey(undefined)} />
      )}
      <Outcome problem={problem ?? list.error} notice={notice} />

      <h2>{t.listTitle}</h2>
      {!platforms ? (
        <p aria-busy="true">…</p>
      ) : platforms.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <RecordTable columns={[t.name, t.scopes, t.thresholds, t.listed, t.status, t.lastSeen, t.keyHint, t.actions]}>
          {platforms.map((p) => (
            <tr key={p.id} data-platform={p.name} data-status={p.status}>
              <th scope="row">{p.name}</th>
              <td>{p.scopes.map((s) => t[`scope_${s}`]).join(', ')}</td>
              <td class="mono" data-thresholds>
                {Object.keys(p.thresholds).length === 0 ? t.defaultThresholds : Object.entries(p.thresholds).map(([name, value]) => settingText(name, value)).join(', ')}
              </td>
              <td data-listed={String(p.listed)}>{yesNo(p.listed)}</td>
              <td>{p.status === 'active' ? t.active : `${t.revoked} (${time(p.revokedAt)})`}</td>
              <td>{time(p.lastSeenAt)}</td>
              <td class="mono">{p.keyHint ?? '—'}</td>
              <td>
                <div class="row-actions">
                  <button type="button" data-action="edit" aria-label={t.editTitle(p.name)} onClick={() => setPending({ id: p.id, action: 'edit' })}>
                    {t.edit}
                  </button>
                  <button type="button" data-action="rotate" onClick={() => setPending({ id: p.id, action: 'rotate' })}>
                    {t.rotate}
                  </button>
                  {p.status === 'active' && (
                    <button type="button" data-action="revoke" onClick={() => setPending({ id: p.id, action: 'revoke' })}>
                      {t.revoke}
                    </button>
                  )}
                </div>
                {pending?.id === p.id && pending.action === 'rotate' && (
                  <Confirm question={t.rotateQuestion(p.name)} busy={busy} onConfirm={() => void rotate(p)} onCancel={() => setPending(undefined)} />
                )}
                {pending?.id === p.id && pending.action === 'revoke' && (
                  <Confirm question={t.revokeQuestion(p.name)} busy={busy} onConfirm={() => void revoke(p)} onCancel={() => setPending(undefined)} />
                )}
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
      {platforms?.map(
        (p) =>
          pending?.id === p.id &&
          pending.action === 'edit' && (
            <form key={p.id} class="admin-form" id="edit-platform" aria-labelledby="edit-platform-title" onSubmit={(e) => save(p, e)}>
              <h2 id="edit-platform-title">{t.editTitle(p.name)}</h2>
              <SettingsFields prefix="edit" initial={p} />
              <button type="submit" class="primary" disabled={busy}>
                {t.save}
              </button>{' '}
              <button type="button" onClick={() => setPending(undefined)}>
                {t.cancelEdit}
              </button>
            </form>
          ),
      )}

      <form class="admin-form" id="platform-form" aria-labelledby="platform-form-title" onSubmit={create}>
        <h2 id="platform-form-title">{t.createTitle}</h2>
        <span class="field">
          <label for="platform-name">{t.name}</label>
          <input id="platform-name" name="name" required maxLength={100} autoComplete="off" />
        </span>
        <SettingsFields prefix="new" />
        <button type="submit" class="primary" disabled={busy}>
          {t.create}
        </button>
      </form>
    </section>
  );
}
