/**
 * POST /v1/match/file: for platforms that prefer to send the upload itself. One image per
 * request, multipart; it is hashed in memory (all 8 dihedral PDQ hashes, so a turned or mirrored
 * copy is found), matched exactly like /v1/match, and dropped: never written to disk, never
 * logged (nor its name). Multipart is accepted on this route only.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DecodeError, hashImageBytes, sniffFormat } from '@disrupt/hash-core/node';
import type { FastifyRequest } from 'fastify';
import { Problem, problems } from '../../errors.js';
import { requireScope } from '../../plugins/platform-auth.js';
import { matchQueries } from './match-query.js';
import { matchFileSchema } from './schemas.js';

export const MATCH_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** The one file of the request, in memory; any other part is an error naming it. */
async function readOneFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw problems.unsupportedMedia('send the image as multipart/form-data with one file field');
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MATCH_FILE_MAX_BYTES, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file') throw problems.invalid(part.fieldname, 'unknown field: send one file and nothing else (pass your ref as ?ref=)');
      bytes = await part.toBuffer();
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw problems.tooLarge(MATCH_FILE_MAX_BYTES);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw problems.invalid('file', 'send exactly one file and nothing else');
    throw problems.invalid('body', 'the multipart body could not be read (incomplete or malformed)');
  }
  if (bytes === undefined) throw problems.invalid('file', 'no file was sent');
  return bytes;
}

/** The decoder's own words for what is wrong, with the status that fits. */
function decodeProblem(error: DecodeError): Problem {
  switch (error.code) {
    case 'video':
      return problems.unsupportedMedia('this looks like a video; videos are not supported yet');
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
  await app.register(multipart, { limits: { fileSize: MATCH_FILE_MAX_BYTES, files: 1 } });
  app.post('/match/file', { schema: matchFileSchema, preHandler: requireScope('match') }, async (request) => {
    const bytes = await readOneFile(request);
    if (sniffFormat(bytes).kind === 'video') throw problems.unsupportedMedia('this looks like a video; videos are not supported yet');
    let item;
    try {
      ({ item } = await hashImageBytes(bytes, { dihedral: true }));
    } catch (error) {
      if (error instanceof DecodeError) throw decodeProblem(error);
      throw error;
    }
    return matchQueries(app, request.platform!, [{ ref: request.query.ref ?? null, item }]);
  });
};
export default routes;
