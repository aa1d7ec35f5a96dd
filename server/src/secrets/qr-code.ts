/**
 * QR codes drawn by this server as SVG documents (the `qrcode` package, no third party): the
 * operators' TOTP enrolment and the partner NGOs' referral links. An SVG of paths only: no
 * script, no external reference, so it is safe both inline and as an <img>.
 */
import QRCode from 'qrcode';

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
