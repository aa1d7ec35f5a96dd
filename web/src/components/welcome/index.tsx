import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import { api } from '../../lib/api.js';
import { StepHeading } from '../step-heading/index.js';
import { messages } from './messages.js';

export const REPORT_URL = 'https://www.pointdecontact.net/';
const TAKE_IT_DOWN_URL = 'https://takeitdown.ncmec.org/';
const HELPLINE_URL = 'https://e-enfance.org/numero-3018/';

type Loaded<T> = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; value: T };

function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      () => live && setLoaded({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

/** Step 1: what Disrupt does and does not do, for whom, with whom, and for how long. */
export function Welcome({ onStart, onOpenCase, focus }: { onStart: () => void; onOpenCase: () => void; focus: boolean }) {
  const t = useMessages(messages);
  const platforms = useLoaded(async () => (await api.platforms()).platforms.map((p) => p.name));
  const service = useLoaded(api.service);
  return (
    <section class="step" data-step="welcome">
      <StepHeading focus={focus}>{t.title}</StepHeading>
      <p class="lead">{t.intro}</p>
      <h2>{t.howTitle}</h2>
      <ul class="facts">
        <li>{t.howDevice}</li>
        <li>{t.howSent}</li>
        <li>{t.howPlatforms}</li>
        <li>
          {t.howNotRemoval}{' '}
          <a href={REPORT_URL} rel="noreferrer" target="_blank">
            {t.reportLink}
          </a>
          .
        </li>
      </ul>
      <h2>{t.whoTitle}</h2>
      <p>{t.whoAdults}</p>
      <p>
        {t.whoMinors}{' '}
        <a href={TAKE_IT_DOWN_URL} rel="noreferrer" target="_blank">
          {t.minorsLink}
        </a>
        {' · '}
        <a href={HELPLINE_URL} rel="noreferrer" target="_blank">
          {t.helpLink}
        </a>
      </p>
      <h2>{t.platformsTitle}</h2>
      <div class="platforms" aria-live="polite" data-state={platforms.state}>
        {platforms.state === 'loading' && <p>{t.platformsLoading}</p>}
        {platforms.state === 'failed' && <p>{t.platformsFailed}</p>}
        {platforms.state === 'ready' &&
          (platforms.value.length === 0 ? (
            <p>{t.platformsNone}</p>
          ) : (
            <ul class="platform-list">
              {platforms.value.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          ))}
      </div>
      <h2>{t.keptTitle}</h2>
      <p data-retention={service.state === 'ready' ? String(service.value.retentionDays) : ''}>
        {service.state === 'ready' ? (service.value.retentionDays === null ? t.keptUntilWithdrawn : t.keptDays(service.value.retentionDays)) : t.keptUnknown}
      </p>
      <p>{t.noAccount}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={onStart}>
          {t.start}
        </button>
        <button type="button" class="secondary" onClick={onOpenCase}>
          {t.haveCase}
        </button>
      </div>
    </section>
  );
}
