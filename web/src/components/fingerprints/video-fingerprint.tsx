import { PDQ_QUALITY_FLOOR, STORED_FRAME_INTERVAL, type VideoItem } from '@disrupt/hash-core';
import { useLocale, useMessages } from '../../i18n/messages.js';
import { duration } from '../../i18n/duration.js';
import { messages } from '../review/messages.js';

/** Under this share of detailed frames (quality ≥ 50), a video is flagged like a low-detail photo. */
const LOW_DETAIL_SHARE = 0.5;

/** What is sent for one video: its exact fingerprints, its sampled frames (each one on request), and its sampling. */
export function VideoFingerprint({ entryKey, name, item, onRemove }: { entryKey: number; name: string; item: VideoItem; onRemove: () => void }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const detailed = item.frames.filter((frame) => frame.quality >= PDQ_QUALITY_FLOOR).length;
  const low = detailed < item.frames.length * LOW_DETAIL_SHARE;
  const sparse = item.frameInterval > STORED_FRAME_INTERVAL; // the worker samples a long video more sparsely
  const warningId = `low-${entryKey}`;
  return (
    <li data-key={entryKey} data-file={name} data-state="done" data-type="video" data-low-quality={low ? 'true' : 'false'} data-sparse={sparse ? 'true' : 'false'}>
      <p class="file-name">
        {name} <span class="hint">({t.nameNotSent})</span>
      </p>
      <dl>
        <div>
          <dt>{t.videoFrames}</dt>
          <dd data-field="frames">{item.frames.length}</dd>
        </div>
        <div>
          <dt>{t.videoDuration}</dt>
          <dd data-field="duration" data-ms={item.durationMs}>
            {duration(item.durationMs / 1000, locale)}
          </dd>
        </div>
        <div>
          <dt>{t.videoSampling}</dt>
          <dd data-field="sampling">{t.everySeconds(item.frameInterval)}</dd>
        </div>
        <div>
          <dt>{t.md5}</dt>
          <dd data-field="md5" class="hash">
            {item.md5}
          </dd>
        </div>
        <div>
          <dt>{t.sha256}</dt>
          <dd data-field="sha256" class="hash">
            {item.sha256}
          </dd>
        </div>
      </dl>
      {sparse && (
        <p class="hint" role="note" data-sparse-note>
          {t.sparse(item.frameInterval, STORED_FRAME_INTERVAL)}
        </p>
      )}
      <details>
        <summary>{t.frameList(item.frames.length)}</summary>
        <ol class="hash frames">
          {item.frames.map((frame) => (
            <li key={frame.t}>{`${frame.t.toFixed(3)} s · ${frame.pdq} · ${frame.quality}`}</li>
          ))}
        </ol>
      </details>
      {low && (
        <p id={warningId} class="warning" role="note">
          {t.lowQualityVideo}
        </p>
      )}
      <button type="button" class="link" aria-describedby={low ? warningId : undefined} onClick={onRemove}>
        {t.removeVideo}
      </button>
    </li>
  );
}
