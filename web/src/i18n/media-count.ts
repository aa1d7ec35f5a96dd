/**
 * Sentences about "these 2 photos and this video": how many of each kind a sentence is about, and
 * a way to name both kinds while leaving out the one there is none of.
 */
export type MediaType = 'image' | 'video';

export interface MediaCount {
  readonly photos: number;
  readonly videos: number;
}

export function countMedia(types: Iterable<MediaType>): MediaCount {
  let photos = 0;
  let videos = 0;
  for (const type of types) {
    if (type === 'video') videos += 1;
    else photos += 1;
  }
  return { photos, videos };
}

export const mediaTotal = (count: MediaCount): number => count.photos + count.videos;

/** "ces 2 photos et de cette vidéo": each kind's phrase, the absent kind left out, joined by `and`. */
export function bothKinds(count: MediaCount, photos: (n: number) => string, videos: (n: number) => string, and: string): string {
  const parts: string[] = [];
  if (count.photos > 0 || count.videos === 0) parts.push(photos(count.photos));
  if (count.videos > 0) parts.push(videos(count.videos));
  return parts.join(and);
}

/** One of three words by the kinds present ("vos photos", "vos vidéos", "vos photos et vidéos"); photos when there is nothing. */
export function byKinds(count: MediaCount, words: { photos: string; videos: string; both: string }): string {
  if (count.videos === 0) return words.photos;
  return count.photos === 0 ? words.videos : words.both;
}

/** As message arguments: `t.protected(...counts(c))` (messages take plain numbers, photos then videos). */
export const counts = (count: MediaCount): [photos: number, videos: number] => [count.photos, count.videos];
