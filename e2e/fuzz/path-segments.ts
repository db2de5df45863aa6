/**
 * A path parameter as a client puts it in a URL and as Express decodes it:
 * each character percent-encoded as UTF-8, an unpaired surrogate as the bytes
 * it would have (ED A0 80: not UTF-8, so the server cannot decode it).
 */
export function encodeSegment(value: string): string {
  let encoded = '';
  for (const character of value) {
    const unit = character.charCodeAt(0);
    encoded +=
      character.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('')
        : encodeURIComponent(character);
  }
  return encoded;
}

/** The parameter Express hands the controller, or undefined where it answers 400 (not valid percent-encoded UTF-8). */
export function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Segments a URL cannot carry as they are: empty, or dot segments, which URLs resolve away (RFC 3986 §5.2.4). */
export function isSendableSegment(raw: string): boolean {
  return raw !== '' && !/^(?:\.|%2e){1,2}$/i.test(raw);
}
