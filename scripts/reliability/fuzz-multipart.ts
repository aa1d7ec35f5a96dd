/**
 * Broken multipart bodies for /v1/match/file: no or wrong boundary, a part cut short, no file,
 * two files, a field instead of a file, hostile part headers, a file that is not media.
 */
import { pick, randomHex, type Random } from './synthetic-items.js';

export interface MultipartBody {
  label: string;
  contentType: string;
  body: Buffer;
  truncateAt?: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function part(boundary: string, headers: string, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'latin1'), content, Buffer.from('\r\n')]);
}

const fileHeaders = (name = 'upload.png', type = 'image/png') => `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}`;

export function multipartAbuse(rand: Random): MultipartBody {
  const boundary = `b${randomHex(rand, 8)}`;
  const end = Buffer.from(`--${boundary}--\r\n`);
  const junk = Buffer.from(randomHex(rand, 64));
  const [label, build] = pick(rand, [
    ['no-boundary', () => ({ contentType: 'multipart/form-data', body: Buffer.concat([part(boundary, fileHeaders(), junk), end]) })],
    ['wrong-boundary', () => ({ contentType: 'multipart/form-data; boundary=other', body: Buffer.concat([part(boundary, fileHeaders(), junk), end]) })],
    ['no-closing', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: part(boundary, fileHeaders(), Buffer.concat([PNG_SIGNATURE, junk])) })],
    ['empty', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.alloc(0) })],
    ['only-closing', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: end })],
    ['field-not-file', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, 'Content-Disposition: form-data; name="ref"', junk), end]) })],
    ['two-files', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, fileHeaders(), junk), part(boundary, fileHeaders('b.png'), junk), end]) })],
    ['zero-byte-file', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, fileHeaders(), Buffer.alloc(0)), end]) })],
    ['text-as-png', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, fileHeaders('../../etc/passwd.png'), Buffer.from('not an image at all')), end]) })],
    ['png-signature-only', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, fileHeaders(), PNG_SIGNATURE), end]) })],
    ['no-disposition', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, 'Content-Type: image/png', junk), end]) })],
    ['huge-part-header', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part(boundary, fileHeaders('n'.repeat(20_000)), junk), end]) })],
    ['invalid-utf8-filename', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`), Buffer.from([0xff, 0xfe]), Buffer.from(`"\r\n\r\n`), junk, Buffer.from('\r\n'), end]) })],
    ['long-boundary', () => ({ contentType: `multipart/form-data; boundary=${'x'.repeat(500)}`, body: Buffer.concat([part('x'.repeat(500), fileHeaders(), junk), Buffer.from(`--${'x'.repeat(500)}--\r\n`)]) })],
    ['many-parts', () => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([...Array.from({ length: 500 }, () => part(boundary, 'Content-Disposition: form-data; name="x"', Buffer.from('1'))), end]) })],
    [
      'truncated',
      () => {
        const body = Buffer.concat([part(boundary, fileHeaders(), Buffer.concat([PNG_SIGNATURE, Buffer.alloc(5000, 7)])), end]);
        return { contentType: `multipart/form-data; boundary=${boundary}`, body, truncateAt: 100 + Math.floor(rand() * 4000) };
      },
    ],
  ] as [string, () => Omit<MultipartBody, 'label'>][]);
  return { label, ...build() };
}
