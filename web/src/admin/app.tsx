import { useEffect, useState } from 'preact/hooks';
import { detectLocale, type Locale } from '../i18n/locale.js';
import { LocaleContext, useMessages } from '../i18n/messages.js';
import { Layout } from './components/layout/index.js';
import { messages } from './components/layout/messages.js';
import { Login } from './components/login/index.js';
import { href, navigate, useRoute, type Route } from './lib/route.js';
import type { OperatorView } from './lib/types.js';
import { useSession } from './lib/session.js';
import { homePath, PAGES } from './pages/index.js';
import { matchPattern } from './pages/page.js';

/**
 * The operators' and partner NGOs' console at /admin: its own entry, so the victims' page never
 * loads any of it. Sign in, then the pages the role allows. Never an image: fingerprints, counts
 * and decisions only.
 */
export function AdminApp() {
  const [locale, setLocale] = useState<Locale>(detectLocale);
  const session = useSession();
  const route = useRoute();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const current = session.current;
  const role = current.state === 'signed-in' ? current.session.operator.role : undefined;
  useEffect(() => {
    if (role && route.path === '/') navigate(homePath(role), {}, true);
  }, [role, route.path]);

  return (
    <LocaleContext.Provider value={locale}>
      {current.state === 'loading' && <p aria-busy="true">…</p>}
      {current.state === 'signed-out' && <Login reason={current.reason} onSignedIn={session.signedIn} />}
      {current.state === 'signed-in' && (
        <Layout operator={current.session.operator} route={route} onLocale={setLocale} onSignOut={() => void session.signOut()}>
          <CurrentPage route={route} operator={current.session.operator} />
        </Layout>
      )}
    </LocaleContext.Provider>
  );
}

/** The page the address designates, if this role may open it. Outside AdminApp: a component declared inside another is a new type at each render, so its page would be rebuilt (and lose its data) every time. */
function CurrentPage({ route, operator }: { route: Route; operator: OperatorView }) {
  const t = useMessages(messages);
  for (const page of PAGES) {
    const params = matchPattern(page.pattern, route.path);
    if (!params) continue;
    if (!page.roles.includes(operator.role)) return <Refusal text={t.notAllowed} home={homePath(operator.role)} label={t.home} />;
    const Page = page.component;
    return <Page key={route.path} route={route} params={params} operator={operator} />;
  }
  return route.path === '/' ? null : <Refusal text={t.notFound} home={homePath(operator.role)} label={t.home} />;
}

function Refusal({ text, home, label }: { text: string; home: string; label: string }) {
  return (
    <section data-refused>
      <p role="alert">{text}</p>
      <a href={href(home)}>{label}</a>
    </section>
  );
}
