import { blockhashVariantSignals, PDQ_QUALITY_FLOOR, pdqVariantSignals } from '@disrupt/hash-core';
import { useMessages } from '../../i18n/messages.js';
import type { HashEntry } from '../../lib/use-hash-files.js';
import type { HashResult } from '../../lib/worker-bridge.js';
import { messages } from '../review/messages.js';
import { VideoFingerprint } from './video-fingerprint.js';

type DoneEntry = Extract<HashEntry, { state: 'done' }>;

const FIELDS = ['pdq', 'blockhash', 'md5', 'sha256', 'quality'] as const;

/** The fingerprints of each photo and video, exactly as they will be sent, with a warning for low detail. */
export function Fingerprints({ entries, onRemove }: { entries: readonly DoneEntry[]; onRemove: (key: number) => void }) {
  const t = useMessages(messages);
  return (
    <ol class="fingerprints">
      {entries.map((done) => {
        const { result } = done;
        if (result.item.type === 'video') return <VideoFingerprint key={done.key} entryKey={done.key} name={done.name} item={result.item} onRemove={() => onRemove(done.key)} />;
        const entry = { ...done, result: result as HashResult };
        const low = entry.result.item.quality < PDQ_QUALITY_FLOOR;
        const warningId = `low-${entry.key}`;
        return (
          <li key={entry.key} data-key={entry.key} data-file={entry.name} data-state={entry.state} data-low-quality={low ? 'true' : 'false'}>
            <p class="file-name">
              {entry.name} <span class="hint">({t.nameNotSent})</span>
            </p>
            <dl>
              {FIELDS.map((field) => (
                <div key={field}>
                  <dt>{t[field]}</dt>
                  <dd data-field={field} class={field === 'quality' ? undefined : 'hash'}>
                    {entry.result.item[field]}
                  </dd>
                </div>
              ))}
              <VariantRows item={entry.result.item as unknown as Record<string, unknown>} label={t.variants} />
              <div>
                <dt>{t.size}</dt>
                <dd data-field="size">{`${entry.result.width}×${entry.result.height}`}</dd>
              </div>
            </dl>
            {low && (
              <p id={warningId} class="warning" role="note">
                {t.lowQuality}
              </p>
            )}
            <button type="button" class="link" aria-describedby={low ? warningId : undefined} onClick={() => onRemove(entry.key)}>
              {t.remove}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** The variants sent with the photo (PDQ of crops and turns, blockhash of each side): counted, each one shown on request. */
const VARIANT_SIGNALS = [...pdqVariantSignals, ...blockhashVariantSignals];

function VariantRows({ item, label }: { item: Record<string, unknown>; label: (n: number) => string }) {
  const present = VARIANT_SIGNALS.filter((s) => typeof item[s.name] === 'string');
  if (present.length === 0) return null;
  return (
    <div>
      <dt>{label(present.length)}</dt>
      <dd data-field="variants">
        <details>
          <summary>{present.length}</summary>
          <ul class="hash">
            {present.map((s) => (
              <li key={s.name}>{`${s.name}: ${item[s.name] as string}`}</li>
            ))}
          </ul>
        </details>
      </dd>
    </div>
  );
}
