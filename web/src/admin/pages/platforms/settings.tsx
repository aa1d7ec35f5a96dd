/**
 * The settings a platform is created and edited with: scopes, a threshold per perceptual signal
 * (photos' and video frames', from the server's registry), the video matching rules, listing.
 */
import { DEFAULT_VIDEO_MATCH_OPTIONS, signalType } from '@disrupt/hash-core';
import { useMessages } from '../../../i18n/messages.js';
import { maxDistanceOf, useSignals, type RegistrySignal } from '../../lib/signals.js';
import { messages } from './messages.js';

export const SCOPES = ['match', 'feed', 'feedback'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The video settings stored beside the thresholds (server/src/match/video-options.ts), as whole
 * numbers. The bounds here only guide the input: the server checks them and names the field.
 */
export const VIDEO_SETTINGS = [
  { name: 'videoQueryShare', unit: '%', min: 1, max: 100, byDefault: Math.round(DEFAULT_VIDEO_MATCH_OPTIONS.queryShare * 100) },
  { name: 'videoStoredShare', unit: '%', min: 0, max: 100, byDefault: Math.round(DEFAULT_VIDEO_MATCH_OPTIONS.storedShare * 100) },
  { name: 'videoSegmentSeconds', unit: 's', min: 1, max: 3600, byDefault: DEFAULT_VIDEO_MATCH_OPTIONS.minSegmentSeconds },
] as const;
type VideoSettingName = (typeof VIDEO_SETTINGS)[number]['name'];

export interface Settings {
  scopes: Scope[];
  thresholds: Record<string, number>;
  listed: boolean;
}

const THRESHOLD = 'threshold-';

/** `pdq: 24`, `videoQueryShare: 70 %`: a stored setting with its unit. */
export function settingText(name: string, value: number): string {
  const video = VIDEO_SETTINGS.find((s) => s.name === name);
  return video ? `${name}: ${value} ${video.unit}` : `${name}: ${value}`;
}

/**
 * Reads the fields below out of a submitted form; an empty field means the default. Settings the
 * form does not show (set through the CLI, e.g. match quotas) are kept as they were: the API
 * replaces the whole set.
 */
export function readSettings(form: HTMLFormElement, initial?: Settings): Settings {
  const data = new FormData(form);
  const shown = new Map<string, string>();
  for (const [field, value] of data.entries()) {
    if (field.startsWith(THRESHOLD)) shown.set(field.slice(THRESHOLD.length), String(value).trim());
  }
  const thresholds: Record<string, number> = {};
  for (const [name, value] of Object.entries(initial?.thresholds ?? {})) if (!shown.has(name)) thresholds[name] = value;
  for (const [name, value] of shown) if (value !== '') thresholds[name] = Number(value);
  return { scopes: data.getAll('scope').map(String) as Scope[], thresholds, listed: data.get('listed') === 'on' };
}

/** `prefix` keeps ids unique when the create form and an edit form are both on the page. */
export function SettingsFields({ prefix, initial }: { prefix: string; initial?: Settings }) {
  const t = useMessages(messages);
  const perceptual = useSignals().filter((s) => s.kind === 'perceptual');
  // Photos' signals are hash-core's; the others are the PDQs of video frames (vpdq…).
  const photos = perceptual.filter((s) => signalType(s.name) !== undefined);
  const frames = perceptual.filter((s) => signalType(s.name) === undefined);
  const field = (name: string, label: string, bounds: { min: number; max: number }, byDefault: string) => (
    <span key={name} class="field">
      <label for={`${prefix}-${THRESHOLD}${name}`}>{label}</label>
      <input
        id={`${prefix}-${THRESHOLD}${name}`}
        name={`${THRESHOLD}${name}`}
        type="number"
        min={bounds.min}
        max={bounds.max}
        step={1}
        placeholder={t.thresholdDefault(byDefault)}
        defaultValue={initial?.thresholds[name]?.toString() ?? ''}
      />
    </span>
  );
  const thresholdField = (signal: RegistrySignal) => field(signal.name, t.thresholdLabel(signal.name), { min: 0, max: maxDistanceOf(signal.name) }, String(signal.threshold ?? ''));
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
        {photos.map(thresholdField)}
      </fieldset>
      {frames.length > 0 && (
        <fieldset data-frame-thresholds>
          <legend>{t.frameThresholds}</legend>
          {frames.map(thresholdField)}
        </fieldset>
      )}
      <fieldset data-video-settings>
        <legend>{t.videoRules}</legend>
        {VIDEO_SETTINGS.map((setting) => field(setting.name, t[setting.name as VideoSettingName], setting, `${setting.byDefault} ${setting.unit}`))}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="listed" id={`${prefix}-listed`} defaultChecked={initial?.listed ?? false} /> {t.listedLabel}
      </label>
    </>
  );
}
