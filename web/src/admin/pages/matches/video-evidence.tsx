/**
 * What a video match rests on, in words an operator can check: the rule that matched (the vPDQ
 * set rule or a segment advancing together in both videos), how many seconds, where in each
 * video, and the shares; or, when a picture met a video frame, the time of that frame.
 */
import type { Locale } from '../../../i18n/locale.js';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import type { VideoEvidence as Evidence } from './api.js';
import { messages } from './messages.js';

/** `12.5 s` under a minute, `1:05` or `1:02:05` beyond (rounded to the second). */
export function formatSeconds(seconds: number, locale: Locale): string {
  if (seconds < 60) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(seconds)} s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const percent = (share: number) => Math.round(share * 100);

export function VideoEvidence({ evidence }: { evidence: Evidence }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const time = (seconds: number) => formatSeconds(seconds, locale);
  const { video, storedTime, queryTime } = evidence;
  return (
    <div class="hint video-evidence" data-video-evidence>
      {video && (
        <>
          <p data-rule={video.rule}>
            {t.videoMatched(video.rule === 'set' ? t.ruleSet : t.ruleSegment, time(video.matchedSeconds))}
          </p>
          <p data-ranges>{t.videoRanges(`${time(video.queryRange[0])}–${time(video.queryRange[1])}`, `${time(video.storedRange[0])}–${time(video.storedRange[1])}`)}</p>
          <p data-shares>{t.videoShares(percent(video.queryShare), percent(video.storedShare), video.frames)}</p>
          {video.underFloorFrames !== undefined && <p data-under-floor-frames={video.underFloorFrames}>{t.videoUnderFloor(video.underFloorFrames)}</p>}
          {video.mirroredFrames !== undefined && <p data-mirrored-frames={video.mirroredFrames}>{t.videoMirrored(video.mirroredFrames)}</p>}
        </>
      )}
      {storedTime !== undefined && <p data-stored-time={storedTime}>{t.storedTime(time(storedTime))}</p>}
      {queryTime !== undefined && <p data-query-time={queryTime}>{t.queryTime(time(queryTime))}</p>}
    </div>
  );
}
