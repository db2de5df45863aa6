import { createHash, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Operators' API keys, known only by their SHA-256: a stolen configuration
 * holds no usable key. A presented key is hashed and compared with each in
 * constant time (the hashes have one length, so no early exit says how close
 * a guess was). The id of a key is a prefix of its hash: enough to tell
 * operators apart in rate limits, nothing to rebuild the key from.
 */
export class OperatorKeys {
  private readonly hashes: Buffer[];

  constructor(sha256Hashes: readonly string[]) {
    this.hashes = sha256Hashes.map((hash) => Buffer.from(hash, 'hex'));
  }

  /** The key's id when it is an operator's, else undefined. */
  idOf(presentedKey: string): string | undefined {
    const presented = createHash('sha256').update(presentedKey).digest();
    let matched: Buffer | undefined;
    for (const hash of this.hashes) if (timingSafeEqual(hash, presented)) matched = hash;
    return matched && `key-${matched.toString('hex').slice(0, 12)}`;
  }
}
