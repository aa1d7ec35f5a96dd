/**
 * Operator accounts (admins): the list (role, NGO, active, two-factor, last sign-in); create one
 * with a password given or generated (shown once); deactivate or reactivate, reset the password
 * (a temporary one, shown once), change the role, remove a lost second factor.
 */
import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import type { OperatorView, Role } from '../../lib/types.js';
import { Confirm, ShownOnce, useFormatTime, useLoaded, useYesNo, Outcome, RecordTable, useAction } from '../admin-common/index.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

const ROLES: readonly Role[] = ['admin', 'reviewer', 'ngo'];
type WithPassword = { operator: OperatorView; temporaryPassword?: string };
type Pending = { id: number; action: 'deactivate' | 'reset' | 'totp' | 'role' };
type NgoRef = { id: number; name: string; code: string };

/** The role select and, for the role ngo, which NGO. */
function RoleFields({ prefix, ngos, initial }: { prefix: string; ngos: NgoRef[]; initial?: OperatorView }) {
  const t = useMessages(messages);
  const [role, setRole] = useState<Role>(initial?.role ?? 'reviewer');
  return (
    <>
      <span class="field">
        <label for={`${prefix}-role`}>{t.role}</label>
        <select id={`${prefix}-role`} name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t[`role_${r}`]}
            </option>
          ))}
        </select>
      </span>
      {role === 'ngo' && (
        <span class="field">
          <label for={`${prefix}-ngo`}>{t.ngo}</label>
          <select id={`${prefix}-ngo`} name="ngoCode" required>
            <option value="">{t.chooseNgo}</option>
            {ngos.map((n) => (
              <option key={n.id} value={n.code} selected={n.code === initial?.ngo?.code}>
                {n.name} ({n.code})
              </option>
            ))}
          </select>
        </span>
      )}
    </>
  );
}

function readRole(data: FormData): { role: Role; ngoCode?: string } {
  const role = String(data.get('role')) as Role;
  return role === 'ngo' ? { role, ngoCode: String(data.get('ngoCode') ?? '') } : { role };
}

export function Operators({ operator: me }: PageProps) {
  const t = useMessages(messages);
  const time = useFormatTime();
  const yesNo = useYesNo();
  const list = useLoaded(() => http.get<{ operators: OperatorView[] }>('/v1/admin/operators'));
  const ngos = useLoaded(() => http.get<{ ngos: NgoRef[] }>('/v1/admin/ngos')).data?.ngos ?? [];
  const [secret, setSecret] = useState<{ username: string; password: string }>();
  const [pending, setPending] = useState<Pending>();
  const action = useAction(() => {
    setPending(undefined);
    return list.reload();
  });
  const { busy, problem, notice, setProblem } = action;
  const run = (name: string, change: () => Promise<WithPassword | OperatorView | void>) =>
    action.run(async () => {
      const result = await change();
      if (result && 'temporaryPassword' in result && result.temporaryPassword) setSecret({ username: result.operator.username, password: result.temporaryPassword });
      action.setNotice(t.done(name));
    });

  const create = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username')).trim();
    const password = String(data.get('password') ?? '');
    const role = readRole(data);
    if (role.role === 'ngo' && !role.ngoCode) return setProblem(t.ngoRequired);
    void run(username, async () => {
      const created = await http.post<WithPassword>('/v1/admin/operators', { username, ...role, ...(password ? { password } : {}) });
      form.reset();
      return created;
    });
  };
  const changeRole = (o: OperatorView, event: Event) => {
    event.preventDefault();
    const role = readRole(new FormData(event.currentTarget as HTMLFormElement));
    if (role.role === 'ngo' && !role.ngoCode) return setProblem(t.ngoRequired);
    void run(o.username, () => http.post<OperatorView>(`/v1/admin/operators/${o.id}/role`, role));
  };

  const operators = list.data?.operators;
  return (
    <section class="admin-page" data-page="operators">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {secret && <ShownOnce id="temporary-password" title={t.createdPassword(secret.username)} value={secret.password} onDone={() => setSecret(undefined)} />}
      <Outcome problem={problem ?? list.error} notice={notice} />

      <h2>{t.listTitle}</h2>
      {!operators ? (
        <p aria-busy="true">…</p>
      ) : (
        <RecordTable columns={[t.username, t.role, t.ngo, t.active, t.totp, t.lastLogin, t.actions]}>
          {operators.map((o) => {
            const ask = (action: Pending['action']) => () => setPending({ id: o.id, action });
            const open = (action: Pending['action']) => pending?.id === o.id && pending.action === action;
            return (
              <tr key={o.id} data-operator={o.username} data-active={String(o.active)}>
                <th scope="row">{o.username}</th>
                <td data-role={o.role}>{t[`role_${o.role}`]}</td>
                <td>{o.ngo ? `${o.ngo.name} (${o.ngo.code})` : t.noNgo}</td>
                <td>{yesNo(o.active)}</td>
                <td>{yesNo(o.totpEnabled)}</td>
                <td>{time(o.lastLoginAt)}</td>
                <td>
                  <div class="row-actions">
                    <button type="button" data-action="role" onClick={ask('role')}>
                      {t.changeRole}
                    </button>
                    <button type="button" data-action="reset" onClick={ask('reset')}>
                      {t.resetPassword}
                    </button>
                    {o.totpEnabled && (
                      <button type="button" data-action="totp" onClick={ask('totp')}>
                        {t.removeTotp}
                      </button>
                    )}
                    {o.id !== me.id &&
                      (o.active ? (
                        <button type="button" data-action="deactivate" onClick={ask('deactivate')}>
                          {t.deactivate}
                        </button>
                      ) : (
                        <button type="button" data-action="activate" disabled={busy} onClick={() => void run(o.username, () => http.post(`/v1/admin/operators/${o.id}/activate`))}>
                          {t.activate}
                        </button>
                      ))}
                  </div>
                  {open('deactivate') && (
                    <Confirm question={t.deactivateQuestion(o.username)} busy={busy} onConfirm={() => void run(o.username, () => http.post(`/v1/admin/operators/${o.id}/deactivate`))} onCancel={() => setPending(undefined)} />
                  )}
                  {open('reset') && (
                    <Confirm question={t.resetQuestion(o.username)} busy={busy} onConfirm={() => void run(o.username, () => http.post<WithPassword>(`/v1/admin/operators/${o.id}/reset-password`))} onCancel={() => setPending(undefined)} />
                  )}
                  {open('totp') && (
                    <Confirm question={t.removeTotpQuestion(o.username)} busy={busy} onConfirm={() => void run(o.username, () => http.delete(`/v1/admin/operators/${o.id}/totp`))} onCancel={() => setPending(undefined)} />
                  )}
                  {open('role') && (
                    <form class="inline-form" aria-label={t.changeRoleTitle(o.username)} onSubmit={(e) => changeRole(o, e)}>
                      <RoleFields prefix={`role-${o.id}`} ngos={ngos} initial={o} />
                      <button type="submit" class="primary" disabled={busy}>
                        {t.apply}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </RecordTable>
      )}

      <form class="admin-form" id="operator-form" aria-labelledby="operator-form-title" onSubmit={create}>
        <h2 id="operator-form-title">{t.createTitle}</h2>
        <span class="field">
          <label for="operator-username">{t.username}</label>
          <input id="operator-username" name="username" required minLength={3} maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9._@\-]{1,62}[A-Za-z0-9]" autoComplete="off" />
        </span>
        <RoleFields prefix="operator" ngos={ngos} />
        <span class="field">
          <label for="operator-password">{t.password}</label>
          <input id="operator-password" name="password" type="password" minLength={12} maxLength={1024} autoComplete="new-password" aria-describedby="operator-password-hint" />
          <span class="hint" id="operator-password-hint">
            {t.passwordHint}
          </span>
        </span>
        <button type="submit" class="primary" disabled={busy}>
          {t.create}
        </button>
      </form>
    </section>
  );
}
