/**
 * From validated request items to what the store keeps (normalised hex, `dihedral` and `mirrored`
 * dropped: they serve queries, not the bank; videos in case-videos.ts), and the plain-words answer
 * for each one.
 */
import { ItemValidationError, itemSignals, parseImageItemInput, pdqSignal, type ImageItem, type VideoItem } from '@disrupt/hash-core';
import { problems } from '../../errors.js';
import type { MatchBank } from '../../match/match-bank.js';
import type { NewItem, StoredItem } from '../../store/cases-repository.js';
import { toNewVideo, usableFrames, videoNote } from './case-videos.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;

export function toNewItem(item: ImageItem | VideoItem, index: number): NewItem {
  try {
    if (item.type === 'video') return toNewVideo(item, index);
    const parsed = parseImageItemInput(item, `items[${index}]`);
    const signals = itemSignals(parsed).map(({ signal, value }) => ({ signal: signal.name, value }));
    return { type: 'image', quality: item.quality, reliable: item.quality >= QUALITY_FLOOR, signals };
  } catch (error) {
    if (error instanceof ItemValidationError) throw problems.invalid(error.field, error.reason);
    throw error;
  }
}

/** Makes new items matchable by the very next request (call after the commit). */
export function addToBank(bank: MatchBank, items: readonly NewItem[], stored: readonly StoredItem[]): void {
  stored.forEach(({ itemId, duplicate }, i) => {
    if (duplicate) return;
    const item = items[i]!;
    for (const { signal, value } of item.signals) bank.add({ itemId, signal, value, quality: item.quality });
    if (item.frames) bank.frames.add(itemId, item.frames);
  });
}

export interface StoredItemAnswer {
  itemId: number;
  quality: number;
  reliable: boolean;
  /** Present (true) only for a picture the case already held: clients count it apart from the new ones. */
  alreadyInCase?: true;
  note?: string;
  frames?: number;
  usableFrames?: number;
}

export function storedItemAnswers(items: readonly NewItem[], stored: readonly StoredItem[]): StoredItemAnswer[] {
  return stored.map(({ itemId, duplicate }, i) => {
    const item = items[i]!;
    const answer: StoredItemAnswer = { itemId, quality: item.quality ?? 0, reliable: item.reliable };
    if (duplicate) answer.alreadyInCase = true;
    if (item.frames) {
      answer.frames = item.frames.length;
      answer.usableFrames = usableFrames(item.frames);
    }
    const note = item.type === 'video' ? videoNote(item, duplicate) : itemNote(item, duplicate);
    if (note) answer.note = note;
    return answer;
  });
}

function itemNote(item: NewItem, duplicate: boolean): string | undefined {
  if (duplicate) return 'You had already added this picture to your case: it is kept once.';
  if (!item.reliable) {
    return (
      `This picture has little detail (quality ${item.quality} out of 100), so edited, resized or re-compressed copies ` +
      'may not be recognised. Exact copies of this file will still be. We have kept it.'
    );
  }
  return undefined;
}
