import { describe, expect, it } from '@jest/globals';
import { binaryContent } from './binary-content.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('binaryContent', () => {
  it('names the common file types people pick by mistake', () => {
    expect(binaryContent(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toBe('a PNG image');
    expect(binaryContent(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('a ZIP archive (or an Excel or Word file)');
    expect(binaryContent(utf8('%PDF-1.7'))).toBe('a PDF document');
    expect(binaryContent(bytes(0x1f, 0x8b, 0x08))).toBe('a gzip-compressed file');
  });

  it('calls NUL bytes and bytes that are not UTF-8 binary data', () => {
    expect(binaryContent(bytes(0x7b, 0x00, 0x7d))).toBe('binary data');
    expect(binaryContent(bytes(0x7b, 0xff, 0xfe, 0x7d))).toBe('binary data');
    expect(binaryContent(bytes(0xc3, 0x28))).toBe('binary data');
  });

  it('leaves text to the JSON parser, a broken JSON text and non-ASCII included, and a character cut at the end', () => {
    expect(binaryContent(utf8('{"data": [{"employee_name": "René Ødegård 🙂"}]}'))).toBeNull();
    expect(binaryContent(utf8('{"data": [oops'))).toBeNull();
    expect(binaryContent(utf8('🙂').slice(0, 2))).toBeNull();
    expect(binaryContent(new Uint8Array())).toBeNull();
  });
});
