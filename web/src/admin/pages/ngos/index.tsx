/** Partner NGOs (admins): the list with referral code, link and accounts; create one. */
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import { href } from '../../lib/route.js';
import { useLoaded, Outcome, RecordTable, useAction } from '../admin-common/index.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

interface NgoView {
  id: number;
  name: string;
  code: string;
  active: boolean;
  createdAt: string;
  accounts: { id: number; username: string; active: boolean }[];
}

export const referralLink = (code: string) => `${location.origin}/?ref=${encodeURIComponent(code)}`;

export function Ngos(_props: PageProps) {
  const t = useMessages(messages);
  const list = useLoaded(() => http.get<{ ngos: NgoView[] }>('/v1/admin/ngos'));
  const { busy, problem, notice, setNotice, run } = useAction(list.reload);

  const create = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void run(async () => {
      const created = await http.post<NgoView>('/v1/admin/ngos', { name: String(data.get('name')).trim(), code: String(data.get('code')).trim() });
      setNotice(t.created(created.name));
      form.reset();
    });
  };

  const ngos = list.data?.ngos;
  return (
    <section class="admin-page" data-page="ngos">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Outcome problem={problem ?? list.error} notice={notice} />
      <h2>{t.listTitle}</h2>
      {!ngos ? (
        <p aria-busy="true">…</p>
      ) : ngos.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <RecordTable columns={[t.name, t.code, t.link, t.accounts]}>
          {ngos.map((ngo) => (
            <tr key={ngo.id} data-ngo={ngo.code}>
              <th scope="row">{ngo.name}</th>
              <td class="mono">{ngo.code}</td>
              <td class="mono" data-referral-link>
                {referralLink(ngo.code)}
              </td>
              <td>
                {ngo.accounts.length === 0 ? (
                  t.noAccount
                ) : (
                  <ul class="plain" data-accounts>
                    {ngo.accounts.map((a) => (
                      <li key={a.id}>
                        {a.username} {!a.active && t.inactive}
                      </li>
                    ))}
                  </ul>
                )}
                <a href={href('/operators')}>{t.addAccount}</a>
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
      <form class="admin-form" id="ngo-form" aria-labelledby="ngo-form-title" onSubmit={(e) => void create(e)}>
        <h2 id="ngo-form-title">{t.createTitle}</h2>
        <span class="field">
          <label for="ngo-name">{t.name}</label>
          <input id="ngo-name" name="name" required maxLength={200} autoComplete="off" />
        </span>
        <span class="field">
          <label for="ngo-code">{t.code}</label>
          <input id="ngo-code" name="code" required minLength={3} maxLength={32} pattern="[A-Za-z0-9][A-Za-z0-9\-]{1,30}[A-Za-z0-9]" autoComplete="off" aria-describedby="ngo-code-hint" />
          <span class="hint" id="ngo-code-hint">
            {t.codeHint}
          </span>
        </span>
        <button type="submit" class="primary" disabled={busy}>
          {t.create}
        </button>
      </form>
    </section>
  );
}
