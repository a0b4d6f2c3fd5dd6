import type { IntegrationLogoMediaType } from '@gatehouse/contracts';

/**
 * What an uploaded logo is, judged by its first bytes only: the file name and the MIME type
 * the browser sent are both up to the client. `accepted` carries the media type to serve it
 * with; otherwise `detected` names what it looks like, for the refusal message.
 */
export type LogoSniff =
  | { accepted: true; mediaType: IntegrationLogoMediaType }
  | { accepted: false; detected: 'empty' | 'svg' | 'gif' | 'bmp' | 'ico' | 'tiff' | 'pdf' | 'heif' | 'unknown' };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ICO = [0x00, 0x00, 0x01, 0x00];

export function sniffLogo(bytes: Uint8Array): LogoSniff {
  if (bytes.length === 0) return { accepted: false, detected: 'empty' };
  if (startsWith(bytes, PNG)) return { accepted: true, mediaType: 'image/png' };
  if (startsWith(bytes, JPEG)) return { accepted: true, mediaType: 'image/jpeg' };
  // RIFF container: "RIFF", 4 bytes of size, then the form type "WEBP".
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { accepted: true, mediaType: 'image/webp' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { accepted: false, detected: 'gif' };
  if (ascii(bytes, 0, 2) === 'BM') return { accepted: false, detected: 'bmp' };
  if (startsWith(bytes, ICO)) return { accepted: false, detected: 'ico' };
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return { accepted: false, detected: 'tiff' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { accepted: false, detected: 'pdf' };
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|avif|avis)$/.test(ascii(bytes, 8, 12))) return { accepted: false, detected: 'heif' };
  if (looksLikeSvg(bytes)) return { accepted: false, detected: 'svg' };
  return { accepted: false, detected: 'unknown' };
}

// SVG is XML text: it can carry scripts, so it is refused by name. Skips a BOM, whitespace,
// the XML declaration, comments and a doctype before looking for an <svg element.
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return false;
  return /<svg[\s>/]/i.test(head) || /<!doctype\s+svg/i.test(head);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  if (bytes.length < to) return '';
  return String.fromCharCode(...bytes.subarray(from, to));
}

const DETECTED_NAMES: Record<Exclude<LogoSniff, { accepted: true }>['detected'], string> = {
  empty: 'The file is empty',
  svg: 'SVG',
  gif: 'This file is a GIF image',
  bmp: 'This file is a BMP image',
  ico: 'This file is an ICO icon',
  tiff: 'This file is a TIFF image',
  pdf: 'This file is a PDF document',
  heif: 'This file is a HEIC/AVIF image',
  unknown: 'This file is not a PNG, JPEG or WebP image',
};

/** The sentence that explains a refusal; SVG has its own wording. */
export function logoRefusal(detected: Exclude<LogoSniff, { accepted: true }>['detected']): string {
  if (detected === 'svg') return 'SVG logos are not accepted; upload PNG, JPEG or WebP';
  return `${DETECTED_NAMES[detected]}; upload a PNG, JPEG or WebP image`;
}
