import { PDQ_QUALITY_FLOOR, pdqSignal, STORED_FRAME_INTERVAL, type VideoItem } from '@disrupt/hash-core';
import { useLocale, useMessages } from '../../i18n/messages.js';
import { duration } from '../../i18n/duration.js';
import { messages } from '../review/messages.js';

/**
 * Under this share of frames that can be compared at all, a video is flagged like a low-detail
 * photo (exact copies only); under this share of detailed frames (quality ≥ 50), as dim: its frames
 * under the floor are still compared, closer, by their plain PDQ alone and over seconds in step.
 */
const LOW_DETAIL_SHARE = 0.5;
/** Frames of this quality and more are compared, under the floor too. */
const COMPARED_FROM = pdqSignal.underFloorQuery?.minQuality ?? PDQ_QUALITY_FLOOR;

/** What is sent for one video: its exact fingerprints, its sampled frames (each one on request), and its sampling. */
export function VideoFingerprint({ entryKey, name, item, onRemove }: { entryKey: number; name: string; item: VideoItem; onRemove: () => void }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const share = (from: number) => item.frames.filter((frame) => frame.quality >= from).length / item.frames.length;
  const low = share(COMPARED_FROM) < LOW_DETAIL_SHARE;
  const dim = !low && share(PDQ_QUALITY_FLOOR) < LOW_DETAIL_SHARE;
  const sparse = item.frameInterval > STORED_FRAME_INTERVAL; // the worker samples a long video more sparsely
  const warningId = `low-${entryKey}`;
  return (
    <li data-key={entryKey} data-file={name} data-state="done" data-type="video" data-low-quality={low ? 'true' : 'false'} data-dim={dim ? 'true' : 'false'} data-sparse={sparse ? 'true' : 'false'}>
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
      {(low || dim) && (
        <p id={warningId} class="warning" role="note">
          {low ? t.lowQualityVideo : t.dimVideo}
        </p>
      )}
      <button type="button" class="link" aria-describedby={low || dim ? warningId : undefined} onClick={onRemove}>
        {t.removeVideo}
      </button>
    </li>
  );
}
