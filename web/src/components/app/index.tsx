import type { ImageItem, VideoItem } from '@disrupt/hash-core';
import { useEffect, useState } from 'preact/hooks';
import { detectLocale, type Locale } from '../../i18n/locale.js';
import { LocaleContext } from '../../i18n/messages.js';
import { api, type CaseCredentials, type CreatedCase } from '../../lib/api.js';
import { RetryKeys } from '../../lib/idempotency.js';
import { useQuickExitKey } from '../../lib/quick-exit.js';
import { takeReferralFromUrl } from '../../lib/referral.js';
import { useHashFiles } from '../../lib/use-hash-files.js';
import { CaseCreated } from '../case-created/index.js';
import { ChooseFiles } from '../choose-files/index.js';
import { Consent } from '../consent/index.js';
import { Footer } from '../footer/index.js';
import { Header } from '../header/index.js';
import { countAdded, MyCase, type AddedCounts } from '../my-case/index.js';
import { Review } from '../review/index.js';
import { Welcome } from '../welcome/index.js';

type Step = 'welcome' | 'consent' | 'choose' | 'review' | 'created' | 'case';

/** Read once at load; kept in memory for the case this visit creates. */
const referral = takeReferralFromUrl();

/**
 * The victim page: welcome → consent → choose (and fingerprint) → review → case created, and
 * "my case" to see, add to or withdraw a case. Steps are not URLs: the page adds nothing to the
 * browser's history, so quick exit leaves no way back. Everything lives in memory only.
 */
export function App() {
  const [locale, setLocale] = useState<Locale>(detectLocale);
  const [step, setStep] = useState<Step>('welcome');
  const [moved, setMoved] = useState(false);
  const [created, setCreated] = useState<CreatedCase>();
  const [credentials, setCredentials] = useState<CaseCredentials>();
  const [added, setAdded] = useState<AddedCounts>();
  const files = useHashFiles();
  // "Try again" after a lost answer sends the same Idempotency-Key: Disrupt answers with the case
  // it already made instead of making a second one.
  const [retryKeys] = useState(() => new RetryKeys());
  useQuickExitKey();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const go = (next: Step) => {
    setMoved(true);
    setStep(next);
    window.scrollTo(0, 0);
  };
  // Adding to a known case, or starting a new one.
  const adding = credentials !== undefined;

  const send = async (items: (ImageItem | VideoItem)[]) => {
    if (credentials) {
      const result = await api.addItems(credentials, items, retryKeys.keyFor({ caseId: credentials.caseId, items }));
      retryKeys.done();
      files.clear();
      setAdded(countAdded(result.items));
      go('case');
    } else {
      const result = await api.createCase(items, referral, retryKeys.keyFor({ items, referral }));
      retryKeys.done();
      files.clear();
      setCreated(result);
      go('created');
    }
  };

  const finish = () => {
    files.clear();
    setCreated(undefined);
    setCredentials(undefined);
    setAdded(undefined);
    go('welcome');
  };

  return (
    <LocaleContext.Provider value={locale}>
      <Header onLocale={setLocale} />
      <main id="main" key={step}>
        {step === 'welcome' && <Welcome focus={moved} onStart={() => go('consent')} onOpenCase={() => go('case')} />}
        {step === 'consent' && <Consent onNext={() => go('choose')} onBack={() => go('welcome')} />}
        {step === 'choose' && <ChooseFiles files={files} adding={adding} onNext={() => go('review')} onBack={() => (adding ? go('case') : go('consent'))} />}
        {step === 'review' && (
          <Review entries={files.entries} onSend={send} onRemove={files.remove} onBack={() => go('choose')} extra={!adding && referral ? { referral } : {}} />
        )}
        {step === 'created' && created && (
          <CaseCreated
            created={created}
            onOpenCase={() => {
              setCredentials({ caseId: created.caseId, secret: created.secret });
              go('case');
            }}
            onFinish={finish}
          />
        )}
        {step === 'case' && (
          <MyCase
            credentials={credentials}
            added={added}
            onCredentials={setCredentials}
            onAddFiles={() => {
              setAdded(undefined);
              go('choose');
            }}
            onBack={finish}
          />
        )}
      </main>
      <Footer />
    </LocaleContext.Provider>
  );
}
