/**
 * Every operator's own account: change the password (the server signs the other sessions out and
 * gives this one a new CSRF token), and enrol an authenticator app when two-step sign-in is off —
 * the QR code is the server's own SVG, the secret is also shown as text.
 */
import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { AdminApiError, http, setCsrfToken } from '../../lib/admin-api.js';
import type { SignedIn } from '../../lib/types.js';
import type { PageProps } from '../page.js';
import './account.css';
import { messages } from './messages.js';

interface Enrolment {
  uri: string;
  secret: string;
  qrSvg: string;
  expiresAt: string;
}

type Outcome = { ok: true; text: string } | { ok: false; text: string };

function Result({ outcome, id }: { outcome?: Outcome; id: string }) {
  if (!outcome) return null;
  return (
    <p id={id} role={outcome.ok ? 'status' : 'alert'} class={outcome.ok ? 'notice' : 'problem'}>
      {outcome.text}
    </p>
  );
}

function PasswordForm() {
  const t = useMessages(messages);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const [currentPassword, newPassword, repeat] = ['current', 'next', 'repeat'].map((k) => String(form.get(k) ?? ''));
    if (newPassword !== repeat) return setOutcome({ ok: false, text: t.mismatch });
    setBusy(true);
    setOutcome(undefined);
    try {
      const session = await http.post<SignedIn>('/v1/admin/me/password', { currentPassword, newPassword });
      setCsrfToken(session.csrfToken);
      formElement.reset();
      setOutcome({ ok: true, text: t.changed });
    } catch (error) {
      const field = error instanceof AdminApiError ? error.problem.field : undefined;
      setOutcome({ ok: false, text: field === 'currentPassword' ? t.wrongCurrent : field?.includes('newPassword') ? t.tooShort : t.failed });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} class="account-form" id="password-form">
      <label for="account-current">{t.current}</label>
      <input id="account-current" name="current" type="password" autoComplete="current-password" required />
      <label for="account-next">{t.next}</label>
      <input id="account-next" name="next" type="password" autoComplete="new-password" minLength={12} required />
      <label for="account-repeat">{t.repeat}</label>
      <input id="account-repeat" name="repeat" type="password" autoComplete="new-password" minLength={12} required />
      <Result outcome={outcome} id="password-result" />
      <button type="submit" class="primary" disabled={busy}>
        {t.changePassword}
      </button>
    </form>
  );
}

function TotpEnrolment({ enabled: initiallyEnabled }: { enabled: boolean }) {
  const t = useMessages(messages);
  const [enabled, setEnabled] = useState(initiallyEnabled);
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const start = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setEnrolment(await http.post<Enrolment>('/v1/admin/me/totp'));
    } catch {
      setOutcome({ ok: false, text: t.failed });
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (event: Event) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get('code') ?? '').replace(/\s/g, '');
    setBusy(true);
    setOutcome(undefined);
    try {
      await http.post('/v1/admin/me/totp/confirm', { code });
      setEnabled(true);
      setEnrolment(undefined);
      setOutcome({ ok: true, text: t.enabled });
    } catch (error) {
      const status = error instanceof AdminApiError ? error.status : 0;
      if (status === 409) setEnrolment(undefined);
      setOutcome({ ok: false, text: status === 409 ? t.expired : status === 400 ? t.wrongCode : t.failed });
    } finally {
      setBusy(false);
    }
  };

  if (enabled) {
    return (
      <>
        <p data-totp="on">{t.totpOn}</p>
        <Result outcome={outcome} id="totp-result" />
      </>
    );
  }
  return (
    <div data-totp="off">
      <p>{t.totpOff}</p>
      {!enrolment ? (
        <button type="button" class="primary" id="totp-start" disabled={busy} onClick={() => void start()}>
          {t.totpStart}
        </button>
      ) : (
        <form onSubmit={confirm} class="account-form" id="totp-form">
          <p>{t.totpScan}</p>
          <img id="totp-qr" class="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t.qrAlt} width={200} height={200} />
          <p>
            {t.secret} : <code id="totp-secret" class="mono">{enrolment.secret}</code>
          </p>
          <label for="totp-code">{t.code}</label>
          <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" required />
          <button type="submit" class="primary" disabled={busy}>
            {t.confirm}
          </button>
        </form>
      )}
      <Result outcome={outcome} id="totp-result" />
    </div>
  );
}

export function Account({ operator }: PageProps) {
  const t = useMessages(messages);
  return (
    <section class="account">
      <h1>{t.title}</h1>
      <p class="mono">{operator.username}</p>
      <h2>{t.passwordTitle}</h2>
      <PasswordForm />
      <h2>{t.totpTitle}</h2>
      <TotpEnrolment enabled={operator.totpEnabled} />
    </section>
  );
}
