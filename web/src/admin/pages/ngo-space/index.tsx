/**
 * A partner NGO's space: its referral link (`<origin>/?ref=CODE`) to copy, the same link as a QR
 * code drawn by our server, its referrals per completed week ("<5" as the server gives it), and a
 * one-page leaflet in French and English — the only part of the page that prints.
 */
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import type { PageProps } from '../page.js';
import { leaflet, messages } from './messages.js';
import './ngo-space.css';

interface NgoStats {
  ngo: { name: string; code: string };
  weeks: { week: string; referrals: number | '<5' }[];
}

const QR_PATH = '/v1/ngo/referral-qr.svg';

export function NgoSpace(_props: PageProps) {
  const t = useMessages(messages);
  const [state, setState] = useState<{ stats?: NgoStats; failed?: boolean }>({});
  const [copy, setCopy] = useState<'copied' | 'failed'>();

  useEffect(() => {
    http.get<NgoStats>('/v1/ngo/stats').then(
      (stats) => setState({ stats }),
      () => setState({ failed: true }),
    );
  }, []);

  if (state.failed) return <p role="alert" class="problem">{t.failed}</p>;
  if (!state.stats) return <p role="status">{t.loading}</p>;
  const { ngo, weeks } = state.stats;
  const link = `${location.origin}/?ref=${encodeURIComponent(ngo.code)}`;

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div class="ngo-space">
      <div class="screen-only">
        <h1 data-ngo-name>{t.title(ngo.name)}</h1>
        <section aria-labelledby="referral-title">
          <h2 id="referral-title">{t.linkTitle}</h2>
          <p>{t.linkIntro}</p>
          <div class="referral">
            <div>
              <label for="referral-link">{t.linkLabel}</label>
              <input id="referral-link" class="mono" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="secondary" id="copy-link" onClick={() => void copyLink()}>
                {t.copy}
              </button>
              <p role="status" class={copy === 'failed' ? 'problem' : 'notice'} hidden={!copy}>
                {copy === 'copied' ? t.copied : copy === 'failed' ? t.copyFailed : ''}
              </p>
            </div>
            <img id="referral-qr" class="qr" src={QR_PATH} alt={t.qrAlt(link)} width={180} height={180} />
          </div>
        </section>
        <section aria-labelledby="weeks-title">
          <h2 id="weeks-title">{t.weeksTitle}</h2>
          <p>{t.weeksIntro}</p>
          <table data-table="referral-weeks">
            <thead>
              <tr>
                <th scope="col">{t.week}</th>
                <th scope="col">{t.referrals}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  <td data-week={w.week}>{w.referrals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="leaflet-title">
          <h2 id="leaflet-title">{t.leafletTitle}</h2>
          <p>{t.leafletIntro}</p>
          <button type="button" class="primary" id="print-leaflet" onClick={() => window.print()}>
            {t.print}
          </button>
        </section>
      </div>
      <article class="leaflet" data-leaflet aria-label={t.leafletTitle}>
        {(['fr', 'en'] as const).map((lang) => (
          <div lang={lang} key={lang} class="leaflet-text">
            <h2>{leaflet[lang].heading}</h2>
            <p>{leaflet[lang].body}</p>
            <p>{leaflet[lang].steps}</p>
            <p class="leaflet-from">{leaflet[lang].from(ngo.name)}</p>
          </div>
        ))}
        <div class="leaflet-link">
          <img src={QR_PATH} alt="" width={200} height={200} />
          <p class="mono">{link}</p>
        </div>
      </article>
    </div>
  );
}
