// A file given as JSON that is not text at all (an image, a spreadsheet, an archive): said in
// those words, instead of a JSON syntax error at line 1 that makes people look for a typo.

const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or an Excel or Word file)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office document' },
];

/**
 * What kind of binary file `head` (the first bytes of a file) starts, when it is not text: a known
 * file type, or "binary data" for NUL bytes or bytes that are not UTF-8. Null for text, which the
 * JSON parser then judges. A UTF-8 sequence cut at the end of `head` is not held against it.
 */
export function binaryContent(head: Uint8Array): string | null {
  for (const { bytes, what } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return what;
  }
  let i = 0;
  while (i < head.length) {
    const b = head[i]!;
    if (b === 0) return 'binary data';
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return 'binary data';
    for (let k = 1; k <= extra; k++) {
      if (i + k >= head.length) return null;
      if ((head[i + k]! & 0xc0) !== 0x80) return 'binary data';
    }
    i += extra + 1;
  }
  return null;
}
