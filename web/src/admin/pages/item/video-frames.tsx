/**
 * A video item's own facts for operators: how long, how often a frame was taken, how many frames
 * can match (quality ≥ 50, and those under it that are still compared, closer, for the segment
 * rule), which PDQ variants its frames carry; and the frames themselves.
 */
import { pdqSignal, VIDEO_FRAME_VARIANTS } from '@disrupt/hash-core';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import { formatSeconds } from '../matches/video-evidence.js';
import type { Item } from './api.js';
import { messages } from './messages.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 50;
/** Stored frames under the floor from this quality on are still compared (the server's underFloorStored for vpdq). */
const DIM_FROM = pdqSignal.underFloorQuery?.minQuality ?? QUALITY_FLOOR;
/** Longer frame lists start folded: an hour of video is 3,600 rows. */
const OPEN_UP_TO = 60;

/** `dt`/`dd` pairs for the item's facts list. */
export function VideoFacts({ item }: { item: Item }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const usable = item.frames.filter((f) => f.quality >= QUALITY_FLOOR).length;
  const dim = item.frames.filter((f) => f.quality >= DIM_FROM && f.quality < QUALITY_FLOOR).length;
  return (
    <>
      {item.durationMs !== null && (
        <>
          <dt>{t.duration}</dt>
          <dd data-duration-ms={item.durationMs}>{formatSeconds(item.durationMs / 1000, locale)}</dd>
        </>
      )}
      {item.frameInterval !== null && (
        <>
          <dt>{t.frameInterval}</dt>
          <dd data-frame-interval={item.frameInterval}>{t.everySeconds(formatSeconds(item.frameInterval, locale))}</dd>
        </>
      )}
      {item.frames.length > 0 && (
        <>
          <dt>{t.frameCount}</dt>
          <dd data-frame-count={item.frames.length} data-usable-frames={usable} data-dim-frames={dim}>
            {t.framesUsable(item.frames.length, usable, QUALITY_FLOOR, dim)}
          </dd>
          <dt>{t.variantsPresent}</dt>
          <dd data-frame-variants>
            {VIDEO_FRAME_VARIANTS.map((variant, i) => {
              const n = item.frames.filter((f) => f[variant] !== undefined).length;
              return (
                <span key={variant} data-variant={variant} data-frames-with={n}>
                  {i > 0 && ' · '}
                  {t.variantFrames(variant, n)}
                </span>
              );
            })}
          </dd>
        </>
      )}
    </>
  );
}

export function FrameTable({ frames }: { frames: Item['frames'] }) {
  const t = useMessages(messages);
  if (frames.length === 0) return null;
  return (
    <>
      <h3>{t.frames}</h3>
      <details open={frames.length <= OPEN_UP_TO}>
        <summary>{t.showFrames(frames.length)}</summary>
        <div class="table-scroll">
          <table data-frames>
            <thead>
              <tr>
                <th scope="col">{t.colT}</th>
                <th scope="col">{t.colPdq}</th>
                <th scope="col">{t.colQuality}</th>
                <th scope="col">{t.colVariants}</th>
              </tr>
            </thead>
            <tbody>
              {frames.map((f) => (
                <tr key={f.t} data-t={f.t} data-usable={f.quality >= QUALITY_FLOOR}>
                  <td>{f.t}</td>
                  <td class="mono">{f.pdq}</td>
                  <td>{f.quality}</td>
                  <td>
                    {VIDEO_FRAME_VARIANTS.filter((v) => f[v] !== undefined).map((v) => (
                      <div key={v} data-variant={v}>
                        {v} <span class="mono">{f[v]}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
