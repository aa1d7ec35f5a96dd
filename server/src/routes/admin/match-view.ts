/** How a match event is shown to operators: distance and feedback, never a hash (none is kept). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { MatchEvent } from '../../store/match-events-repository.js';
import { iso, isoOrNull, Nullable, Timestamp } from './schemas.js';

export const FeedbackSchema = Type.Union([Type.Literal('blocked'), Type.Literal('not_ncii'), Type.Literal('pending')]);
export const ReviewSchema = Type.Union([Type.Literal('confirmed'), Type.Literal('false_positive'), Type.Literal('needs_review')]);

export const MatchSchema = Type.Object({
  id: Type.Integer(),
  platform: Type.Object({ id: Type.Integer(), name: Type.String() }),
  itemId: Nullable(Type.Integer()),
  caseRef: Nullable(Type.String({ description: 'the case id, shortened: the full id is on the item' })),
  createdAt: Timestamp,
  signal: Type.String(),
  distance: Type.Integer({ description: 'Hamming distance in bits (0 for exact hashes)' }),
  variant: Nullable(Type.Integer()),
  ref: Nullable(Type.String({ description: "the platform's own reference for the content" })),
  video: Nullable(
    Type.Object(
      {
        video: Type.Optional(
          Type.Object({
            rule: Type.String({ description: 'set or segment' }),
            matchedSeconds: Type.Number(),
            queryRange: Type.Array(Type.Number()),
            storedRange: Type.Array(Type.Number()),
            queryShare: Type.Number(),
            storedShare: Type.Number(),
            frames: Type.Integer(),
            underFloorFrames: Type.Optional(Type.Integer({ description: "pairs with a frame under PDQ's quality floor (a dim video), compared closer" })),
            mirroredFrames: Type.Optional(Type.Integer({ description: "pairs met through a frame's mirrored PDQ (one video flipped left to right)" })),
          }),
        ),
        storedTime: Type.Optional(Type.Number({ description: 'a picture matched the frame of the stored video at this time, seconds' })),
        queryTime: Type.Optional(Type.Number({ description: "the platform's video matched the stored picture at this time, seconds" })),
      },
      { description: 'video matches: which rule matched and where, or the time of the matching frame' },
    ),
  ),
  queryQuality: Nullable(
    Type.Integer({ description: "the PDQ quality of the platform's picture, when under the floor (50): a dim or faded copy, matched by the closer rule (24 bits)" }),
  ),
  feedback: Nullable(FeedbackSchema),
  feedbackNote: Nullable(Type.String()),
  feedbackAt: Nullable(Timestamp),
  review: Nullable(ReviewSchema),
  reviewNote: Nullable(Type.String()),
  reviewedBy: Nullable(Type.Object({ id: Type.Integer(), username: Nullable(Type.String()) })),
  reviewedAt: Nullable(Timestamp),
});

/** `DSR-7K4M-Q2XP` → `DSR-7K4M-…`: enough to tell cases apart in a list, not to copy one around. */
export function shortCaseId(caseId: string): string {
  return caseId.length > 9 ? `${caseId.slice(0, 9)}…` : caseId;
}

/** A view function with a small cache of reviewer names, for one response. */
export function matchViewer(app: FastifyInstance) {
  const names = new Map<number, string | null>();
  const nameOf = (id: number) => {
    if (!names.has(id)) names.set(id, app.store.operators.get(id)?.username ?? null);
    return names.get(id)!;
  };
  return (event: MatchEvent) => ({
    id: event.id,
    platform: { id: event.platformId, name: event.platformName },
    itemId: event.itemId,
    caseRef: event.caseId === null ? null : shortCaseId(event.caseId),
    createdAt: iso(event.createdAt),
    signal: event.signal,
    distance: event.distance,
    variant: event.variant,
    ref: event.ref,
    video: event.video,
    queryQuality: event.queryQuality,
    feedback: event.feedback,
    feedbackNote: event.feedbackNote,
    feedbackAt: isoOrNull(event.feedbackAt),
    review: event.review,
    reviewNote: event.reviewNote,
    reviewedBy: event.reviewedBy === null ? null : { id: event.reviewedBy, username: nameOf(event.reviewedBy) },
    reviewedAt: isoOrNull(event.reviewedAt),
  });
}
