import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../i18n/locale.js';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import { href, type Route } from '../../lib/route.js';
import type { OperatorView } from '../../lib/types.js';
import { PAGES } from '../../pages/index.js';
import { messages } from './messages.js';

const ROLE_KEYS = { admin: 'roleAdmin', reviewer: 'roleReviewer', ngo: 'roleNgo' } as const;

/** The frame of every console page: the sections this role may open, the language, sign-out. */
export function Layout(props: { operator: OperatorView; route: Route; onLocale: (l: Locale) => void; onSignOut: () => void; children: ComponentChildren }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const sections = PAGES.filter((page) => page.nav && page.roles.includes(props.operator.role));
  return (
    <>
      <a class="skip" href="#content" onClick={(e) => (e.preventDefault(), document.getElementById('content')?.focus())}>
        {t.skip}
      </a>
      <header class="console-bar">
        <span class="brand">{t.brand}</span>
        <nav aria-label={t.navLabel}>
          <ul>
            {sections.map((page) => (
              <li key={page.pattern}>
                <a href={href(page.pattern)} aria-current={props.route.path === page.pattern ? 'page' : undefined}>
                  {t[page.nav!]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">{t.signedInAs(props.operator.username, t[ROLE_KEYS[props.operator.role]])}</span>
        <button type="button" class="secondary" lang={locale === 'fr' ? 'en' : 'fr'} aria-label={t.switchLanguageLabel} onClick={() => props.onLocale(locale === 'fr' ? 'en' : 'fr')}>
          {t.switchLanguage}
        </button>
        <button type="button" class="secondary" id="sign-out" onClick={props.onSignOut}>
          {t.signOut}
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
