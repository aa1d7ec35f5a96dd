/**
 * POST /v1/match/file: for platforms that prefer to send the upload itself. One image or video
 * per request, multipart. An image is hashed in memory (all 8 dihedral PDQ hashes, so a turned or
 * mirrored copy is found); a video by ffmpeg from a private temporary file removed right after
 * (match-file-upload.ts), its frames at 1 per second. Matched exactly like /v1/match, and
 * dropped: never kept, never logged (nor its name). Multipart is accepted on this route only.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DecodeError, hashImageBytes } from '@disrupt/hash-core/node';
import type { FastifyRequest } from 'fastify';
import { Problem, problems } from '../../errors.js';
import { requireScope } from '../../plugins/platform-auth.js';
import { searchVideoFrames } from './frame-search.js';
import { hashUploadedVideo } from './match-file-video.js';
import { MATCH_VIDEO_MAX_BYTES, readUpload, type Upload } from './match-file-upload.js';
import { matchQueries, type QueryItem } from './match-query.js';
import { matchFileSchema } from './schemas.js';

/** The one file of the request (an image in memory, a video in a temporary file); any other part is an error naming it. */
async function readOneFile(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw problems.unsupportedMedia('send the image or video as multipart/form-data with one file field');
  let upload: Upload | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MATCH_VIDEO_MAX_BYTES, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file') throw problems.invalid(part.fieldname, 'unknown field: send one file and nothing else (pass your ref as ?ref=)');
      upload = await readUpload(part);
    }
  } catch (error) {
    if (upload?.kind === 'video') await upload.remove();
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw problems.tooLarge(MATCH_VIDEO_MAX_BYTES, 'for a video');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw problems.invalid('file', 'send exactly one file and nothing else');
    throw problems.invalid('body', 'the multipart body could not be read (incomplete or malformed)');
  }
  if (upload === undefined) throw problems.invalid('file', 'no file was sent');
  return upload;
}

/** The decoder's own words for what is wrong, with the status that fits. */
function decodeProblem(error: DecodeError): Problem {
  switch (error.code) {
    case 'not-an-image':
    case 'unsupported-format':
      return problems.unsupportedMedia(error.message);
    case 'decoder-unavailable':
      return new Problem(503, 'decoder-unavailable', 'Service unavailable', error.message);
    default:
      return problems.invalid('file', error.message);
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MATCH_VIDEO_MAX_BYTES, files: 1 } });
  app.post('/match/file', { schema: matchFileSchema, preHandler: requireScope('match') }, async (request) => {
    app.matchQuota.take(request.platform!, 1); // before reading the file: a refused upload costs no decoding
    const upload = await readOneFile(request);
    let item: QueryItem['item'];
    try {
      if (upload.kind === 'video') item = await hashUploadedVideo(request, upload.path);
      else ({ item } = await hashImageBytes(upload.bytes, { dihedral: true }));
    } catch (error) {
      if (error instanceof DecodeError) throw decodeProblem(error);
      throw error;
    } finally {
      if (upload.kind === 'video') await upload.remove();
    }
    const queries = [{ ref: request.query.ref ?? null, item }];
    await searchVideoFrames(app, request.platform!, queries);
    return matchQueries(app, request.platform!, queries);
  });
};
export default routes;
