/**
 * A platform's video matching settings. They live beside its per-signal thresholds (the same JSON,
 * the same `--threshold name=value` on the CLI and the same admin API), as whole numbers:
 * `videoQueryShare` and `videoStoredShare` in percent, `videoSegmentSeconds` in seconds. Frame
 * signals (`vpdq`, `vpdqTrimmed`…) take a distance in bits like the photo signals.
 */
import { DEFAULT_VIDEO_MATCH_OPTIONS, type VideoMatchOptions } from '@disrupt/hash-core';
import type { SignalThresholds } from '../store/platforms-repository.js';

/** The rule's options a platform sets (the distances come from its frame thresholds). */
type VideoRuleOptions = Required<Pick<VideoMatchOptions, 'queryShare' | 'storedShare' | 'minSegmentSeconds'>>;

interface VideoSetting {
  key: keyof VideoRuleOptions;
  min: number;
  max: number;
  /** From the stored whole number to the option's unit. */
  scale: number;
  meaning: string;
}

export const VIDEO_SETTINGS: Record<string, VideoSetting> = {
  videoQueryShare: { key: 'queryShare', min: 1, max: 100, scale: 0.01, meaning: 'percent of the query video’s frames that must match (set rule)' },
  videoStoredShare: { key: 'storedShare', min: 0, max: 100, scale: 0.01, meaning: 'percent of the stored video’s frames that must match (set rule)' },
  videoSegmentSeconds: { key: 'minSegmentSeconds', min: 1, max: 3600, scale: 1, meaning: 'seconds of frames advancing together in both videos (segment rule)' },
};

/** Why `value` is not acceptable for the video setting `name`, null when it is; undefined when `name` is not one. */
export function videoSettingProblem(name: string, value: unknown): string | null | undefined {
  const setting = VIDEO_SETTINGS[name];
  if (!setting) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < setting.min || value > setting.max) {
    return `${name}: expected a whole number from ${setting.min} to ${setting.max} (${setting.meaning}), got ${JSON.stringify(value)}`;
  }
  return null;
}

/** The video rule options for a platform: its own settings over the defaults. */
export function videoMatchOptions(thresholds: SignalThresholds): VideoRuleOptions {
  const options: VideoRuleOptions = { queryShare: DEFAULT_VIDEO_MATCH_OPTIONS.queryShare, storedShare: DEFAULT_VIDEO_MATCH_OPTIONS.storedShare, minSegmentSeconds: DEFAULT_VIDEO_MATCH_OPTIONS.minSegmentSeconds };
  for (const [name, setting] of Object.entries(VIDEO_SETTINGS)) {
    const value = thresholds[name];
    if (value !== undefined) options[setting.key] = value * setting.scale;
  }
  return options;
}
