import { describe, expect, it } from '@jest/globals';
import { logoRefusal, sniffLogo } from './logo-image.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffLogo', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR....'), 'image/png'],
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image/jpeg'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ])('accepts %s by its magic bytes', (_name, input, mediaType) => {
    expect(sniffLogo(input)).toEqual({ accepted: true, mediaType });
  });

  it.each([
    ['an empty file', bytes(), 'empty'],
    ['plain SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    ['SVG with BOM, XML declaration, comment and doctype', bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'), 'svg'],
    ['SVG upper-case', bytes('  \n<SVG viewBox="0 0 1 1">'), 'svg'],
    ['GIF', bytes('GIF89a....'), 'gif'],
    ['BMP', bytes('BM....'), 'bmp'],
    ['ICO', bytes([0, 0, 1, 0, 1, 0]), 'ico'],
    ['TIFF', bytes('II*\0....'), 'tiff'],
    ['PDF', bytes('%PDF-1.7'), 'pdf'],
    ['AVIF', bytes([0, 0, 0, 0x1c], 'ftypavif'), 'heif'],
    ['a RIFF file that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'unknown'],
    ['HTML', bytes('<!doctype html><html>'), 'unknown'],
    ['text', bytes('hello'), 'unknown'],
    ['a PNG signature cut short', bytes([0x89, 0x50, 0x4e, 0x47]), 'unknown'],
  ])('refuses %s', (_name, input, detected) => {
    expect(sniffLogo(input)).toEqual({ accepted: false, detected });
  });

  it('ignores what the name or client type would claim: a PNG named .svg is a PNG', () => {
    // The function only ever sees bytes; this documents the contract.
    expect(sniffLogo(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ accepted: true, mediaType: 'image/png' });
  });
});

describe('logoRefusal', () => {
  it('says SVG is not accepted and what to upload instead', () => {
    expect(logoRefusal('svg')).toBe('SVG logos are not accepted; upload PNG, JPEG or WebP');
    expect(logoRefusal('gif')).toBe('This file is a GIF image; upload a PNG, JPEG or WebP image');
  });
});
