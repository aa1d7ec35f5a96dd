/**
 * HTTP/1.1 over a plain socket, for the fuzzer: unlike fetch it can send what a broken or hostile
 * client sends (invalid UTF-8 in the path, a Content-Length the body never reaches, duplicate or
 * oversized headers, malformed chunking). One connection per request (`Connection: close`), so the
 * answer ends when the server closes it.
 */
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target exactly as sent (may hold bytes that are not valid UTF-8). */
  target: Buffer | string;
  /** Header lines in order; names may repeat. Host and Connection are added unless present. */
  headers: [string, string | Buffer][];
  body?: Buffer;
  /** Close our side after this many body bytes (a truncated upload); the rest is never sent. */
  truncateAt?: number;
  /** Bytes sent instead of a proper head and body (framing abuse); overrides the rest. */
  raw?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
}

function parseResponse(data: Buffer, ms: number): RawResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isInteger(status)) return undefined;
  if (status >= 100 && status < 200) return parseResponse(data.subarray(end + 4), ms); // 100 Continue: the answer follows
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
    }
  }
  let body = data.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status, headers, body, ms };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Sends the request; resolves with the answer, or undefined when the connection ended without one. */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(received), Math.round(performance.now() - started)));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', () => {
      // EPIPE/ECONNRESET after the server refused a body early: what it answered is in `received`.
    });
    socket.on('connect', () => {
      if (request.raw) {
        socket.end(request.raw);
        return;
      }
      const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
      const headers: [string, string | Buffer][] = [...request.headers];
      if (!names.has('host')) headers.unshift(['Host', `127.0.0.1:${port}`]);
      if (!names.has('connection')) headers.push(['Connection', 'close']);
      const body = request.body ?? Buffer.alloc(0);
      if (!names.has('content-length') && !names.has('transfer-encoding') && (request.body !== undefined || request.method !== 'GET')) {
        headers.push(['Content-Length', String(body.length)]);
      }
      const head = Buffer.concat([
        Buffer.from(`${request.method} `, 'latin1'),
        Buffer.isBuffer(request.target) ? request.target : Buffer.from(request.target, 'latin1'),
        Buffer.from(' HTTP/1.1\r\n', 'latin1'),
        ...headers.map(([name, value]) => Buffer.concat([Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n')])),
        Buffer.from('\r\n'),
      ]);
      socket.write(head);
      if (request.truncateAt !== undefined) socket.end(body.subarray(0, request.truncateAt));
      else socket.write(body);
    });
  });
}
