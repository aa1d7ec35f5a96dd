/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app
 * reads) for the operators' optional second factor. QR codes are drawn here, never by a third
 * party: the secret must not leave the server except to the operator enrolling.
 */
import { Secret, TOTP } from 'otpauth';
import { qrSvg } from './qr-code.js';

const ISSUER = 'disrupt-hash';
/** One step either side: tolerates a phone clock 30 s off. */
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

/** The QR code of the otpauth:// URI, as an SVG document. */
export function totpQrSvg(uri: string): Promise<string> {
  return qrSvg(uri);
}

/** The time step the code belongs to, or null when it is not valid now. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secret, '');
  const delta = t.validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : t.counter({ timestamp: now }) + delta;
}
