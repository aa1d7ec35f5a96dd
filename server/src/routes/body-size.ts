/**
 * Two body limits on one route: requests that carry video frames may send up to a larger limit
 * (the route's `bodyLimit`), every other request keeps the tight one. The body's size is only
 * known once it is read, so a preParsing hook counts its bytes and a preValidation hook, once the
 * JSON is parsed, refuses a photo-only body over the tight limit with the usual 413.
 */
import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { problems } from '../errors.js';

const counted = new WeakMap<FastifyRequest, { bytes: number }>();

/** preParsing hook: passes the body through, counting its bytes (the raw, encoded size). */
export async function countBodyBytes(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
  const count = { bytes: 0 };
  counted.set(request, count);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count.bytes += chunk.length;
      done(null, chunk);
    },
  });
  payload.on('error', (error) => counter.destroy(error));
  return payload.pipe(counter);
}

/** Whether the parsed body carries a video: `{ items: [{ type: 'video', … }] }`. */
export function carriesVideo(body: unknown): boolean {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.some((item) => (item as { type?: unknown } | null)?.type === 'video');
}

/** preValidation hook: a body without video frames over `limit` bytes gets a 413 naming that limit. */
export function photoBodyLimit(limit: number): preValidationAsyncHookHandler {
  return async (request) => {
    const bytes = counted.get(request)?.bytes ?? Number(request.headers['content-length'] ?? 0);
    if (bytes > limit && !carriesVideo(request.body)) throw problems.tooLarge(limit, 'without a video');
  };
}
