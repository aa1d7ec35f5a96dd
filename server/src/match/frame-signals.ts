/**
 * Video frames as signal types of their own: the PDQ of each sampled frame (`vpdq`, after Meta's
 * vPDQ) and the frame's PDQ variants. Each has its own in-memory index, beside the photos' ones,
 * with the thresholds of the photo signal it mirrors. Which stored hashes a query hash is
 * compared with follows the photos' rule (`searchedIn`): plain PDQ also among the stored crops and
 * the trimmed PDQ, a trimmed PDQ among plain and trimmed, a crop among the same crops.
 */
import { searchedIn, searchedUnderFloor, signalType, type SignalType } from '@disrupt/hash-core';
import { FRAME_VARIANT_FIELDS } from '../store/cases-repository.js';

/** The hashes of a frame, named like the photo signals they mirror. */
export const FRAME_FIELDS = ['pdq', ...FRAME_VARIANT_FIELDS] as const;
export type FrameField = (typeof FRAME_FIELDS)[number];

/** The signal a frame's plain PDQ is stored, announced in the feed and matched under. */
export const FRAME_SIGNAL = 'vpdq';


/** The photo signal (`pdq`, `pdqTrimmed`…) a frame field mirrors. */
export function photoSignalOf(field: FrameField): SignalType {
  return signalType(field)!;
}

/** `vpdq` for a frame's plain PDQ, and its variants named alike: pdqTrimmed → vpdqTrimmed. */
export function frameSignalName(field: FrameField): string {
  return `v${field}`;
}

/** The frame signal types, for thresholds, GET /v1/signals and the indexes. */
export const FRAME_SIGNALS: readonly SignalType[] = FRAME_FIELDS.map((field) => {
  // A frame under the quality floor (a dim room, a darkened copy) meets the other's plain PDQ
  // within pdq's closer radius, sent or stored, towards the segment rule alone: seconds of frames
  // in step must agree, where a photo has only its one hash (and its stored values under the
  // floor never match).
  const photo = photoSignalOf(field);
  return {
    ...photo,
    ...(photo.underFloorQuery && { underFloorStored: { minQuality: photo.underFloorQuery.minQuality, radius: photo.underFloorQuery.radius } }),
    name: frameSignalName(field),
    description:
      field === 'pdq'
        ? 'PDQ of a video frame (sampled about once a second, as vPDQ does); matched like pdq, frame by frame'
        : `${photo.description}, of a video frame`,
    searchIn: searchFields(field).map(frameSignalName),
  };
});

const byName = new Map(FRAME_SIGNALS.map((s) => [s.name, s]));

/**
 * The frame kinds a plain PDQ under the quality floor meets, as among photos (pdq's
 * underFloorQuery): the plain PDQ and its mirror, a dim copy flipped left to right.
 */
export const UNDER_FLOOR_FIELDS: readonly FrameField[] = searchedUnderFloor(photoSignalOf('pdq')).filter((name): name is FrameField =>
  (FRAME_FIELDS as readonly string[]).includes(name),
);

export function frameSignalType(name: string): SignalType | undefined {
  return byName.get(name);
}

/**
 * The hash kinds a query hash of kind `field` is compared with (among a frame's kinds), in order:
 * the photos' searchIn rule, restricted to the variants frames carry.
 */
export function searchFields(field: FrameField): FrameField[] {
  return searchedIn(photoSignalOf(field)).filter((name): name is FrameField => (FRAME_FIELDS as readonly string[]).includes(name));
}

/**
 * For GET /v1/signals: every stored signal a value sent under `name` is compared with, photos'
 * and frames' alike (a photo's pdq also meets video frames, a frame also meets photos).
 */
export function comparedWith(name: string): string[] {
  const frame = FRAME_SIGNALS.find((s) => s.name === name);
  if (frame) {
    const field = FRAME_FIELDS.find((f) => frameSignalName(f) === name)!;
    return [...searchFields(field).map(frameSignalName), ...searchFields(field)];
  }
  const photo = signalType(name);
  if (!photo) return [];
  const frameTargets = (FRAME_FIELDS as readonly string[]).includes(name) ? searchFields(name as FrameField).map(frameSignalName) : [];
  return [...searchedIn(photo), ...frameTargets];
}

/**
 * For GET /v1/signals: every stored signal a value sent under `name` meets when it is under the
 * quality floor (pdq's underFloorQuery), photos' and frames' alike; empty when it never does.
 */
export function comparedUnderFloor(name: string): string[] {
  const field = FRAME_FIELDS.find((f) => frameSignalName(f) === name);
  const photo = field ? photoSignalOf(field) : signalType(name);
  if (!photo?.underFloorQuery) return [];
  const frames = UNDER_FLOOR_FIELDS.map(frameSignalName);
  return field ? [...frames, ...searchedUnderFloor(photo)] : [...searchedUnderFloor(photo), ...frames];
}
