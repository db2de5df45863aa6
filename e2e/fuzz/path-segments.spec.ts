import { decodeSegment, encodeSegment, isSendableSegment } from './path-segments.js';

describe('path segments', () => {
  it('round-trips any storable text through percent-encoding', () => {
    for (const text of ['ada', 'a/b?c#d', '%ZZ', 'é😀\u0001 ', "'\"<>"]) expect(decodeSegment(encodeSegment(text))).toBe(text);
  });

  it('encodes an unpaired surrogate as bytes a server cannot decode', () => {
    expect(encodeSegment('a\ud800')).toBe('a%ED%A0%80');
    expect(decodeSegment('a%ED%A0%80')).toBeUndefined();
    expect(decodeSegment('%ZZ')).toBeUndefined();
  });

  it('knows the segments a URL cannot carry', () => {
    expect(['', '.', '..', '%2E', '.%2e'].filter(isSendableSegment)).toEqual([]);
    expect(isSendableSegment('...')).toBe(true);
  });
});
