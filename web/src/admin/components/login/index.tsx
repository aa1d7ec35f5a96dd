import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { AdminApiError, http } from '../../lib/admin-api.js';
import type { SignedIn } from '../../lib/types.js';
import { messages } from './messages.js';

type Step = { step: 'password' } | { step: 'totp' };
type LoginReply = { totpRequired: boolean } & Partial<SignedIn>;

/** Username and password, then the TOTP code when the account has one. */
export function Login({ onSignedIn, reason }: { onSignedIn: (session: SignedIn) => void; reason?: 'expired' | 'signed-out' }) {
  const t = useMessages(messages);
  const [step, setStep] = useState<Step>({ step: 'password' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const explain = (error: unknown, wrong: string) => {
    if (!(error instanceof AdminApiError)) return t.failed;
    if (error.status === 429) return t.throttled(error.problem.retryAfterSeconds ?? 60);
    if (error.status === 0) return t.unreachable;
    if (error.status === 401) return wrong;
    return t.failed;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem(undefined);
    try {
      if (step.step === 'password') {
        const reply = await http.post<LoginReply>('/v1/admin/login', { username: form.get('username'), password: form.get('password') }, { signIn: true });
        if (reply.totpRequired) setStep({ step: 'totp' });
        else onSignedIn(reply as SignedIn);
      } else {
        onSignedIn(await http.post<SignedIn>('/v1/admin/login/totp', { code: String(form.get('code')).replace(/\s/g, '') }, { signIn: true }));
      }
    } catch (error) {
      const late = error instanceof AdminApiError && error.status === 401 && /first/.test(error.problem.detail);
      if (late) setStep({ step: 'password' });
      setProblem(late ? t.totpLate : explain(error, step.step === 'password' ? t.wrong : t.wrongCode));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>{step.step === 'password' ? t.title : t.totpTitle}</h1>
      {reason && !problem && (
        <p role="status" class="notice">
          {reason === 'expired' ? t.expired : t.signedOut}
        </p>
      )}
      <p>{step.step === 'password' ? t.intro : t.totpIntro}</p>
      <form onSubmit={submit} key={step.step}>
        {step.step === 'password' ? (
          <>
            <label for="username">{t.username}</label>
            <input id="username" name="username" autoComplete="username" required autoFocus />
            <label for="password">{t.password}</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </>
        ) : (
          <>
            <label for="code">{t.code}</label>
            <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" required autoFocus />
          </>
        )}
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signingIn : step.step === 'password' ? t.signIn : t.verify}
        </button>
      </form>
    </main>
  );
}
