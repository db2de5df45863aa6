import { STORABLE_TEXT } from '@shop/event-contracts';
import fc from 'fast-check';
import pg from 'pg';
import { serviceDatabaseUrl } from '../support/environment.js';

/**
 * The premise of the contracts' storable-text pattern (and of the compatibility
 * rule that lets published schemas state it): PostgreSQL, through the driver the
 * services use, stores a string in jsonb (every outbox payload) exactly when the
 * pattern accepts it, and never stores U+0000 or an unpaired surrogate in text.
 */
describe('PostgreSQL and the storable-text pattern', () => {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl('order') });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  /** The value read back from jsonb, or the error PostgreSQL answered. */
  async function throughJsonb(text: string): Promise<{ stored: string } | { refused: string }> {
    try {
      const { rows } = await client.query<{ value: { text: string } }>('SELECT $1::jsonb AS value', [JSON.stringify({ text })]);
      return { stored: rows[0]!.value.text };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  }

  it('refuses U+0000 and unpaired surrogates in jsonb, and U+0000 in text; reads a lone surrogate in text as U+FFFD', async () => {
    for (const text of ['a\u0000b', '\ud800', 'x\udc00y']) expect(await throughJsonb(text)).toEqual({ refused: expect.any(String) });
    await expect(client.query('SELECT $1::text AS value', ['a\u0000b'])).rejects.toThrow(/0x00/);
    expect((await client.query('SELECT $1::text AS value', ['x\ud800'])).rows).toEqual([{ value: 'x\ufffd' }]);
  });

  it('stores in jsonb exactly the strings the pattern accepts, and refuses the others', async () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }).map((units) => String.fromCharCode(...units)),
    );
    await fc.assert(
      fc.asyncProperty(anyString, async (text) => {
        expect(await throughJsonb(text)).toEqual(STORABLE_TEXT.test(text) ? { stored: text } : { refused: expect.any(String) });
      }),
      { numRuns: 500 },
    );
  });
});
