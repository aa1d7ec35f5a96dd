/** The settings a platform is created and edited with: scopes, per-signal thresholds, listing. */
import { IMAGE_SIGNALS } from '@disrupt/hash-core';
import { useMessages } from '../../../i18n/messages.js';
import { messages } from './messages.js';

export const SCOPES = ['match', 'feed', 'feedback'] as const;
export type Scope = (typeof SCOPES)[number];
/** The signals that take a threshold (perceptual ones), with their default. */
export const SIGNALS = IMAGE_SIGNALS.filter((s) => s.kind === 'perceptual').map((s) => ({ name: s.name, threshold: s.threshold, max: s.maxDistance }));

export interface Settings {
  scopes: Scope[];
  thresholds: Record<string, number>;
  listed: boolean;
}

/** Reads the fields below out of a submitted form; an empty threshold means the default. */
export function readSettings(form: HTMLFormElement): Settings {
  const data = new FormData(form);
  const thresholds: Record<string, number> = {};
  for (const signal of SIGNALS) {
    const value = String(data.get(`threshold-${signal.name}`) ?? '').trim();
    if (value !== '') thresholds[signal.name] = Number(value);
  }
  return { scopes: data.getAll('scope').map(String) as Scope[], thresholds, listed: data.get('listed') === 'on' };
}

/** `prefix` keeps ids unique when the create form and an edit form are both on the page. */
export function SettingsFields({ prefix, initial }: { prefix: string; initial?: Settings }) {
  const t = useMessages(messages);
  return (
    <>
      <fieldset>
        <legend>{t.scopes}</legend>
        {SCOPES.map((scope) => (
          <label key={scope} class="check">
            <input type="checkbox" name="scope" value={scope} defaultChecked={initial ? initial.scopes.includes(scope) : scope === 'match'} /> {t[`scope_${scope}`]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.thresholds}</legend>
        {SIGNALS.map((signal) => (
          <span key={signal.name} class="field">
            <label for={`${prefix}-threshold-${signal.name}`}>{t.thresholdLabel(signal.name)}</label>
            <input
              id={`${prefix}-threshold-${signal.name}`}
              name={`threshold-${signal.name}`}
              type="number"
              min={0}
              max={signal.max}
              step={1}
              placeholder={t.thresholdDefault(String(signal.threshold))}
              defaultValue={initial?.thresholds[signal.name]?.toString() ?? ''}
            />
          </span>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="listed" id={`${prefix}-listed`} defaultChecked={initial?.listed ?? false} /> {t.listedLabel}
      </label>
    </>
  );
}
