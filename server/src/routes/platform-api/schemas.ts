/**
 * Request and response schemas of the platform API. Query items are the hash-core `Item` (any
 * subset of signals) plus the platform's own `ref`; unknown fields are rejected by name.
 */
import { ImageItemInputSchema, VideoFrameSchema, VideoItemInputSchema } from '@disrupt/hash-core';
import { Type, type Static } from 'typebox';
import { FEEDBACK_DECISIONS } from '../../store/match-events-repository.js';

export const MAX_MATCH_BATCH = 1000;
export const REF_MAX_LENGTH = 256;
export const FEED_LIMIT_DEFAULT = 1000;
export const FEED_LIMIT_MAX = 10_000;

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    field: Type.Optional(Type.String()),
  },
  { description: 'RFC 9457 problem details' },
);

const problemResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));

const Ref = Type.String({
  minLength: 1,
  maxLength: REF_MAX_LENGTH,
  description: 'Your own opaque reference for the content (e.g. an upload id), echoed back and kept with the match; never a hash',
});

const MatchImageItemSchema = Type.Object({ ref: Type.Optional(Ref), ...ImageItemInputSchema.properties }, { additionalProperties: false });
const MatchVideoItemSchema = Type.Object({ ref: Type.Optional(Ref), ...VideoItemInputSchema.properties }, { additionalProperties: false });

/** A picture or a video, told apart by `type` (if/then/else: a bad field is named inside its own kind). */
export const MatchItemSchema = Type.Unsafe<Static<typeof MatchImageItemSchema> | Static<typeof MatchVideoItemSchema>>({
  if: { type: 'object', properties: { type: { const: 'video' } }, required: ['type'] },
  then: MatchVideoItemSchema,
  else: MatchImageItemSchema,
  description:
    'A picture (`type: "image"`: any of its fingerprints) or a video (`type: "video"`: the PDQ of frames sampled about once a second, ' +
    'with `t` in seconds, as `disrupt hash` prints them; sha256/md5 optional)',
});

export const MatchBodySchema = Type.Object(
  { items: Type.Array(MatchItemSchema, { minItems: 1, maxItems: MAX_MATCH_BATCH, description: `1 to ${MAX_MATCH_BATCH} items` }) },
  { additionalProperties: false },
);
export type MatchBody = Static<typeof MatchBodySchema>;

const TimeRange = Type.Tuple([Type.Number(), Type.Number()], { description: 'first and last matched timestamps, seconds' });

/** How a query video matched a stored one (hash-core's video-match rules). */
export const VideoMatchSchema = Type.Object(
  {
    rule: Type.Union([Type.Literal('set'), Type.Literal('segment')], {
      description: "set: enough of your video's frames match (vPDQ's rule); segment: a stretch of both videos matches frame after frame (a clip cut out of, or embedded in, a longer video)",
    }),
    matchedSeconds: Type.Number({ description: 'Seconds of your video covered by matching frames (for a segment: its length)' }),
    queryRange: TimeRange,
    storedRange: TimeRange,
    queryShare: Type.Number({ description: "Share of your video's distinct usable frames that match, 0–1" }),
    storedShare: Type.Number({ description: "Share of the stored video's distinct usable frames that match, 0–1" }),
    frames: Type.Integer({ description: 'Matching frame pairs counted' }),
    underFloorFrames: Type.Optional(
      Type.Integer({ description: "Of those, the pairs with a frame under PDQ's quality floor (a dim video), compared within 24 bits: present only when some are" }),
    ),
    mirroredFrames: Type.Optional(
      Type.Integer({ description: "Of those, the pairs met through a frame's mirrored PDQ (your video or the stored one flipped left to right): present only when some are" }),
    ),
  },
  { description: 'Video against stored video: which rule matched and where; `distance` is the best frame distance' },
);

export const MatchSchema = Type.Object({
  matchId: Type.Integer({ description: 'Give feedback on this match with POST /v1/matches/{matchId}/feedback' }),
  itemId: Type.Integer(),
  signal: Type.String({
    description:
      'The stored signal that matched: md5, sha256 (exact), pdq, blockhash, a PDQ variant of the stored photo (pdqCenter90, pdqTop80, pdqTiltCw, pdqTrimmed…), ' +
      'or the frames of a stored video (vpdq, vpdqTrimmed…): see GET /v1/signals',
  }),
  query: Type.Optional(Type.String({ description: 'Which of your signals matched it, when not the same (e.g. your pdq against the stored pdqCenter90: your image looks like a crop of it)' })),
  distance: Type.Integer({ description: 'Hamming distance in bits (0 for exact signals)' }),
  variant: Type.Optional(Type.String({ description: 'The rotation or flip of your image that matched (e.g. rot90), when not the original' })),
  video: Type.Optional(VideoMatchSchema),
  storedTime: Type.Optional(Type.Number({ description: 'Your picture matched a frame of a stored video: its time in that video, seconds' })),
  queryTime: Type.Optional(Type.Number({ description: 'A frame of your video matched a stored picture: its time in your video, seconds' })),
});
export type MatchResultMatch = Static<typeof MatchSchema>;

export const MatchResponseSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      ref: Type.Union([Type.String(), Type.Null()]),
      matches: Type.Array(MatchSchema),
    }),
    { description: 'One result per query item, in the order sent' },
  ),
});
export type MatchResponse = Static<typeof MatchResponseSchema>;

export const matchSchema = {
  tags: ['platforms'],
  summary: 'Match fingerprints against the bank',
  security: [{ platformKey: [] }],
  body: MatchBodySchema,
  response: { 200: MatchResponseSchema, ...problemResponses(400, 401, 403, 413, 415, 429) },
};

export const matchFileSchema = {
  tags: ['platforms'],
  summary:
    'Match an uploaded image or video (multipart, one file; images up to 50 MB, hashed in memory; videos up to 256 MB, frames at 1 per second ' +
    'by the server’s ffmpeg from a private temporary copy removed at once); nothing is kept',
  security: [{ platformKey: [] }],
  querystring: Type.Object({ ref: Type.Optional(Ref) }, { additionalProperties: false }),
  response: { 200: MatchResponseSchema, ...problemResponses(400, 401, 403, 413, 415, 429, 503) },
};

export const FeedbackBodySchema = Type.Object(
  {
    decision: Type.Union(
      FEEDBACK_DECISIONS.map((d) => Type.Literal(d)),
      { description: 'blocked: the content was NCII and was blocked · not_ncii: a false match (sent to review) · pending: still under review' },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBodySchema>;

export const feedbackSchema = {
  tags: ['platforms'],
  summary: 'Tell us what you did with a match (idempotent; the latest decision wins)',
  security: [{ platformKey: [] }],
  params: Type.Object({ matchId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
  body: FeedbackBodySchema,
  response: {
    200: Type.Object({
      matchId: Type.Integer(),
      decision: Type.String(),
      note: Type.Union([Type.String(), Type.Null()]),
      at: Type.Integer({ description: 'ms since epoch' }),
    }),
    ...problemResponses(400, 401, 403, 404, 429),
  },
};

export const FeedQuerySchema = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'The `next` cursor of the previous page; omit to start from the beginning' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_LIMIT_MAX, default: FEED_LIMIT_DEFAULT })),
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuerySchema>;

export const FeedRecordSchema = Type.Object({
  seq: Type.Integer(),
  op: Type.Union([Type.Literal('add'), Type.Literal('remove')]),
  itemId: Type.Integer(),
  signal: Type.String(),
  value: Type.Optional(Type.String({ description: 'Absent on remove records and once the item was withdrawn' })),
  quality: Type.Optional(
    Type.Integer({ description: "The item's PDQ quality, on records of the signals whose matching depends on it: those GET /v1/signals gives a qualityFloor, and blockhash and its sides" }),
  ),
  frames: Type.Optional(
    Type.Array(
      VideoFrameSchema,
      { description: 'On `vpdq` add records: the frames of a video, in order, with the PDQ variants each carries' },
    ),
  ),
});

export const feedSchema = {
  tags: ['platforms'],
  summary: 'The change feed of the bank, for platforms that mirror it',
  security: [{ platformKey: [] }],
  querystring: FeedQuerySchema,
  response: {
    200: Type.Object({
      records: Type.Array(FeedRecordSchema),
      next: Type.String({ description: 'Pass as `after` to get what follows (the same value when nothing new arrived)' }),
    }),
    ...problemResponses(400, 401, 403, 429),
  },
};

export const serviceSchema = {
  tags: ['public'],
  summary: 'What the victims\' page tells people before they start: how long a case is kept',
  response: {
    200: Type.Object({
      retentionDays: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
        description: 'A case not updated for this many days is withdrawn and its fingerprints deleted; null: kept until withdrawn',
      }),
    }),
  },
};

export const platformsSchema = {
  tags: ['public'],
  summary: 'The partner platforms that agreed to be named',
  response: { 200: Type.Object({ platforms: Type.Array(Type.Object({ name: Type.String() })) }) },
};

export const signalsSchema = {
  tags: ['public'],
  summary: 'The fingerprint types an item can carry, how they are compared, and their default thresholds',
  response: {
    200: Type.Object({
      signals: Type.Array(
        Type.Object({
          name: Type.String({ description: 'The item field that carries it' }),
          description: Type.String(),
          kind: Type.Union([Type.Literal('perceptual'), Type.Literal('exact')]),
          threshold: Type.Integer({ description: 'Default: a match at distance ≤ this (bits; 0 for exact)' }),
          searchIn: Type.Array(Type.String(), { description: 'The stored signals a value you send is compared with (photos’ and video frames’)' }),
          qualityFloor: Type.Optional(
            Type.Integer({
              description:
                'When present: stored values of items whose PDQ `quality` is under this never match (the feed carries the quality with them), nor values you send, but as underFloorQuery and underFloorStored say',
            }),
          ),
          underFloorQuery: Type.Optional(
            Type.Object(
              {
                minQuality: Type.Integer(),
                radius: Type.Integer(),
                searchIn: Type.Optional(Type.Array(Type.String(), { description: 'The stored signals it is compared with (photos\' and video frames\' alike)' })),
              },
              {
                description:
                  'When present: a value you send with a quality under qualityFloor, but at least minQuality, is still compared, within radius (or your threshold when smaller), with the stored plain PDQ and its mirror alone (searchIn: photos\' pdq and pdqMirrored, video frames\' vpdq and vpdqMirrored; a darkened, faded or blurred copy of a detailed picture keeps its hash but loses quality, and may be flipped too). Video frames matched so count towards the segment rule only (videoSegmentSeconds of frames advancing together), never the set rule',
              },
            ),
          ),
          underFloorStored: Type.Optional(
            Type.Object(
              { minQuality: Type.Integer(), radius: Type.Integer() },
              {
                description:
                  'When present (video frames): a stored frame with a quality under qualityFloor, but at least minQuality (a video filmed in a dim room), is still compared by its plain PDQ, within radius (or your threshold when smaller), with the plain and mirrored PDQ of the frames you send of at least minQuality, towards the segment rule only',
              },
            ),
          ),
          sentMirroredIn: Type.Optional(
            Type.Array(Type.String(), {
              description:
                'When present: a value of the picture mirrored left to right, sent in the item\'s `mirrored` object under this name (`disrupt hash --dihedral` computes them), is compared with these stored signals, at their thresholds; a match reports variant flipY. A copy flipped and also cut or framed is found so',
            }),
          ),
          mirroredIn: Type.Optional(
            Type.String({
              description:
                'When present: the value you send is also searched mirrored left to right (its 16 rows of 16 bits each reversed), in this stored signal; a match found so reports variant flipY',
            }),
          ),
        }),
      ),
    }),
  },
};
