/** How an item is shown to operators: its fingerprints and history. There is never an image. */
import { VideoFrameSchema } from '@disrupt/hash-core';
import { Type } from 'typebox';
import type { ItemDetail } from '../../store/moderation-repository.js';
import { iso, isoOrNull, NgoRefSchema, Nullable, Timestamp } from './schemas.js';


export const ItemStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('withdrawn')]);

export const ItemSummarySchema = Type.Object({
  itemId: Type.Integer(),
  type: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  createdAt: Timestamp,
  quality: Nullable(Type.Integer()),
  reliable: Type.Boolean({ description: 'false: PDQ quality under the floor, the PDQ never matches' }),
  durationMs: Nullable(Type.Integer()),
  status: ItemStatusSchema,
  withdrawnAt: Nullable(Timestamp),
  disabledAt: Nullable(Timestamp),
  disabledReason: Nullable(Type.String()),
  disabledBy: Nullable(Type.Integer({ description: 'operator id' })),
});

export const ItemSchema = Type.Object({
  ...ItemSummarySchema.properties,
  caseId: Type.String(),
  ngo: Nullable(NgoRefSchema),
  signals: Type.Array(Type.Object({ signal: Type.String(), value: Type.String() }), { description: 'empty once withdrawn: the values are deleted' }),
  frameInterval: Nullable(Type.Number({ description: 'videos: seconds between sampled frames' })),
  frames: Type.Array(VideoFrameSchema, { description: 'videos: the sampled frames, in order; empty once withdrawn' }),
});

export function itemSummaryView(item: ItemDetail) {
  return {
    itemId: item.itemId,
    type: item.type,
    createdAt: iso(item.createdAt),
    quality: item.quality,
    reliable: item.reliable,
    durationMs: item.durationMs,
    status: item.status,
    withdrawnAt: isoOrNull(item.withdrawnAt),
    disabledAt: isoOrNull(item.disabledAt),
    disabledReason: item.disabledReason,
    disabledBy: item.disabledBy,
  };
}

export function itemView(item: ItemDetail) {
  return { ...itemSummaryView(item), caseId: item.caseId, ngo: item.ngo, signals: item.signals, frameInterval: item.frameInterval, frames: item.frames };
}
