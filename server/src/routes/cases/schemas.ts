/**
 * Request and response schemas of the victim endpoints. Items are hash-core's `ImageItemSchema`
 * or `VideoItemSchema`: complete items exactly as the page and the CLI produce them, nothing else
 * (unknown fields such as `file`, `width` or `exif` are rejected, naming the field).
 */
import { ImageItemSchema, VideoItemSchema, type ImageItem, type VideoItem } from '@disrupt/hash-core';
import { Type } from 'typebox';
import { IDEMPOTENCY_KEY_DESCRIPTION } from './idempotency.js';

/**
 * Fingerprints of photos only: 500 items with every field a photo can carry and their 8 dihedral
 * hashes are ~1.5 MB (a test builds them). Far under a camera photo, and the schema takes nothing
 * but fingerprints anyway.
 */
export const VICTIM_BODY_LIMIT = 2 * 1024 * 1024;
/** A request that carries video frames: an hour of frames with their variants is ~1.3 MB. */
export const VICTIM_VIDEO_BODY_LIMIT = 8 * 1024 * 1024;
export const MAX_ITEMS_PER_REQUEST = 500;

/**
 * A photo or a video, told apart by `type`. if/then/else rather than a union, so a bad field is
 * reported inside the item's own kind (`items[0].frames[3].pdq`), not as "matches no schema".
 */
export const CaseItemSchema = Type.Unsafe<ImageItem | VideoItem>({
  if: { type: 'object', properties: { type: { const: 'video' } }, required: ['type'] },
  then: VideoItemSchema,
  else: ImageItemSchema,
  description: 'A picture (`type: "image"`, see ImageItem) or a video (`type: "video"`: digests of the file, duration, sampling interval and the PDQ of its frames)',
});

const Items = Type.Array(CaseItemSchema, {
  minItems: 1,
  maxItems: MAX_ITEMS_PER_REQUEST,
  description:
    `The fingerprints of 1 to ${MAX_ITEMS_PER_REQUEST} pictures or videos, as \`disrupt hash\` prints them minus \`file\`, \`width\` and \`height\`. ` +
    `Bodies are limited to ${VICTIM_BODY_LIMIT / 1024 / 1024} MB, or ${VICTIM_VIDEO_BODY_LIMIT / 1024 / 1024} MB when they carry a video`,
});

const CaseId = Type.String({ description: 'The case number, e.g. DSR-7K4M-Q2XP', examples: ['DSR-7K4M-Q2XP'] });
const Timestamp = Type.String({ format: 'date-time' });

export const CreateCaseBody = Type.Object(
  {
    items: Items,
    referral: Type.Optional(Type.String({ maxLength: 64, description: 'Referral code of a partner organisation; an unknown code is ignored' })),
  },
  { additionalProperties: false },
);

export const AddItemsBody = Type.Object({ items: Items }, { additionalProperties: false });

/** Documents the header (idempotency.ts checks it, before the body is read, with a plainer message). */
export const IdempotencyHeaders = Type.Object({
  'Idempotency-Key': Type.Optional(Type.String({ pattern: '^(?:[A-Za-z0-9_-]{16,128}|"[A-Za-z0-9_-]{16,128}")$', description: IDEMPOTENCY_KEY_DESCRIPTION })),
});

const CaseIdParam = Type.String({ minLength: 1, maxLength: 32, description: 'The case number given when the case was created' });
export const CaseParams = Type.Object({ caseId: CaseIdParam }, { additionalProperties: false });

export const ItemParams = Type.Object(
  { caseId: CaseIdParam, itemId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
);

const StoredItem = Type.Object({
  itemId: Type.Integer(),
  quality: Type.Integer({ description: 'PDQ quality, 0–100 (videos: the median of their frames)' }),
  reliable: Type.Boolean({ description: 'false: too little detail for look-alike matching (quality under 50); exact copies still match' }),
  alreadyInCase: Type.Optional(
    Type.Boolean({ description: 'true: this picture was already in the case (the same SHA-256); it is kept once and `itemId` is the existing item' }),
  ),
  note: Type.Optional(Type.String({ description: 'A plain-words remark about this picture, to show as it is' })),
  frames: Type.Optional(Type.Integer({ description: 'Videos: the number of frames received' })),
  usableFrames: Type.Optional(Type.Integer({ description: 'Videos: frames with enough detail to match (quality 50 or more)' })),
});

export const CreateCaseResponse = Type.Object({
  caseId: CaseId,
  secret: Type.String({ description: 'Shown once: needed to see or withdraw the case. It cannot be recovered.' }),
  items: Type.Array(StoredItem, { description: 'In the order submitted' }),
});

export const AddItemsResponse = Type.Object({ caseId: CaseId, items: Type.Array(StoredItem, { description: 'In the order submitted' }) });

const ItemView = Type.Object({
  itemId: Type.Integer(),
  type: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  addedAt: Timestamp,
  reliable: Type.Boolean(),
  durationMs: Type.Optional(Type.Integer({ description: 'Videos: length in milliseconds' })),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('withdrawn')], {
    description: 'active: matched against uploads; disabled: paused by our team; withdrawn: its fingerprints are deleted',
  }),
  withdrawnAt: Type.Optional(Timestamp),
});

export const CaseView = Type.Object({
  caseId: CaseId,
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
  createdAt: Timestamp,
  withdrawnAt: Type.Optional(Timestamp),
  keptUntil: Type.Union([Timestamp, Type.Null()], {
    description: 'When the case will be deleted unless files are added (a retention period is configured); null: kept until withdrawn',
  }),
  confirmedMatches: Type.Integer({ description: 'Copies that platforms confirmed they blocked' }),
  items: Type.Array(ItemView),
});
