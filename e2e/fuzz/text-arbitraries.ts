import fc from 'fast-check';

/**
 * Single characters (code points) that are storable but worth trying: controls,
 * invisible and bidirectional marks, non-characters, line separators, quoting
 * and markup characters, a combining mark, letters of other scripts and
 * characters outside the BMP (two UTF-16 units, one character).
 */
const ODD_CHARACTERS = [
  '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u0301', '\u200b', '\u200d', '\u202e',
  '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\uffff', '"', "'", '\\', '/', '<', '>', '&', '%', '$', '{', '}',
  'é', 'ß', 'İ', 'ﬃ', 'Ω', '中', 'ع', '😀', '𝕏', '\u{10ffff}',
];

/** Words that break naive code: markup, SQL, format strings, paths, templates, JSON in a string. */
const HOSTILE_WORDS = [
  "' OR '1'='1", '<script>alert(1)</script>', '%s%n%x', '../../etc/passwd', '${jndi:ldap://x}', '{{7*7}}', '{"a":1}',
  'null', 'NaN', '-0', '1e309', '\\u0000', '%00', 'true', ' ', '__proto__',
];

/** One storable character: mostly printable ASCII, often odd, sometimes any code point but U+0000. */
export const storableCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((character) => character !== '\u0000') },
);

/** Storable text of `min` to `max` characters (code points, as JSON Schema counts them), often at either bound. */
export function storableText(min: number, max: number): fc.Arbitrary<string> {
  const ofLength = (minLength: number, maxLength: number) =>
    fc.array(storableCharacter, { minLength, maxLength, size: 'small' }).map((characters) => characters.join(''));
  const words = HOSTILE_WORDS.filter((word) => [...word].length >= min && [...word].length <= max);
  return fc.oneof(
    { weight: 6, arbitrary: ofLength(min, max) },
    { weight: 1, arbitrary: ofLength(min, min) },
    { weight: 1, arbitrary: ofLength(max, max) },
    ...(words.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...words) }] : []),
  );
}

/** `text` with a character no database stores put in at some place: U+0000, or half of a surrogate pair. */
export function unstorable(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), fc.nat())
    .map(([valid, bad, at]) => {
      const characters = [...valid];
      characters.splice(at % (characters.length + 1), 0, bad);
      return characters.join('');
    });
}
