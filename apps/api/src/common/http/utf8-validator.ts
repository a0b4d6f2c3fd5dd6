/**
 * Checks bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogate code points, nothing
 * past U+10FFFF, no sequence cut short), fed in chunks of any size, and says where the first bad
 * sequence starts. A decoder would replace such bytes with U+FFFD: the text stored would no longer
 * be what was sent, so bodies that fail this are refused instead.
 */
export class Utf8Validator {
  /** Bytes fed so far. */
  private offset = 0;
  /** Continuation bytes the current character still needs. */
  private needed = 0;
  /** Where the current multi-byte character started. */
  private start = 0;
  /** Allowed range of the next continuation byte (narrower right after some lead bytes). */
  private low = 0x80;
  private high = 0xbf;

  /** Offset of the first byte of the first invalid sequence in this chunk, or -1. */
  write(chunk: Uint8Array): number {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      const at = this.offset + i;
      if (this.needed > 0) {
        if (b < this.low || b > this.high) return this.failAt(this.start, chunk.length);
        this.low = 0x80;
        this.high = 0xbf;
        this.needed--;
        continue;
      }
      if (b < 0x80) continue;
      this.start = at;
      if (b >= 0xc2 && b <= 0xdf) this.needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.needed = 2;
        if (b === 0xe0) this.low = 0xa0; // shorter forms are overlong
        if (b === 0xed) this.high = 0x9f; // U+D800..U+DFFF are surrogates, not characters
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.needed = 3;
        if (b === 0xf0) this.low = 0x90;
        if (b === 0xf4) this.high = 0x8f; // past U+10FFFF
      } else return this.failAt(at, chunk.length); // 80..C1 (stray or overlong lead), F5..FF
    }
    this.offset += chunk.length;
    return -1;
  }

  /** At the end of the bytes: the offset where a character was cut short, or -1. */
  end(): number {
    return this.needed > 0 ? this.start : -1;
  }

  private failAt(offset: number, chunkLength: number): number {
    this.offset += chunkLength;
    return offset;
  }
}

/** Offset of the first invalid UTF-8 sequence in a whole buffer, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const v = new Utf8Validator();
  const at = v.write(bytes);
  return at >= 0 ? at : v.end();
}
