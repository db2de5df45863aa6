import type { IHeaders, KafkaMessage } from 'kafkajs';

/** What a stream reads of a kept message (liveEventOf): its value and headers. */
export type PackedMessage = Pick<KafkaMessage, 'value' | 'headers'>;

/** Where a packed message's bytes are: a range of one slab. */
export interface Packed {
  readonly slab: Buffer;
  readonly start: number;
  readonly end: number;
}

/** The size of a slab: ~70 of the shop's messages (~950 bytes each as packed). */
export const SLAB_BYTES = 64 * 1024;

/**
 * Copies messages' value and headers, as bytes, one after another into slabs
 * of their own, so that a kept message costs its bytes and one small object.
 *
 * kafkajs's value and header buffers are views of the socket read they
 * arrived in (one kept view keeps 64 KB alive), and a copy per buffer costs a
 * Buffer object for each of a message's ~10 parts: a heap snapshot of the
 * gateway after an overload held 9.8 MB of Buffer objects for ~10,000 kept
 * messages, and the heap was 57 MB against 45 MB with slabs. Slabs are filled
 * in arrival order and the oldest messages are let go first, so a slab is
 * freed (by the GC) soon after the last message in it is.
 *
 * Layout of one message: value length (int32, -1 for null), value; number of
 * header values (uint32); each: name length (uint32), name, value length
 * (int32, -1 for none), value. A header kafkajs handed as an array (the name
 * repeated) is written once per element and read back as an array. Lengths
 * of 32 bits: any message kafkajs can hand over packs, so the feed never
 * throws on one.
 */
export class MessagePacker {
  private slab = Buffer.alloc(0);
  private used = 0;

  pack(message: PackedMessage): Packed {
    const entries = headerEntries(message.headers);
    const length = 4 + (message.value?.length ?? 0) + 4 + entries.reduce((sum, [, nameLength, value]) => sum + 4 + nameLength + 4 + byteLength(value), 0);
    if (this.used + length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.used = 0;
    }
    const slab = this.slab;
    const start = this.used;
    let at = writeBytes(slab, start, message.value);
    at = slab.writeUInt32BE(entries.length, at);
    for (const [name, nameLength, value] of entries) {
      at = slab.writeUInt32BE(nameLength, at);
      at += slab.write(name, at);
      at = writeBytes(slab, at, value);
    }
    this.used = at;
    return { slab, start, end: at };
  }

  /** The value and headers as packed (views of the slab; a header value given as a string comes back as bytes). */
  static unpack({ slab, start }: Packed): PackedMessage {
    const value = readBytes(slab, start);
    let at = value.next;
    const count = slab.readUInt32BE(at);
    at += 4;
    // No prototype: a header may be named `constructor` or `__proto__`.
    const headers: IHeaders = Object.create(null);
    for (let i = 0; i < count; i++) {
      const nameLength = slab.readUInt32BE(at);
      const name = slab.toString('utf8', at + 4, at + 4 + nameLength);
      const header = readBytes(slab, at + 4 + nameLength);
      at = header.next;
      const earlier = headers[name];
      if (earlier === undefined) headers[name] = header.bytes ?? undefined;
      else headers[name] = [...(Array.isArray(earlier) ? earlier : [earlier]), header.bytes ?? Buffer.alloc(0)];
    }
    return { value: value.bytes, headers };
  }
}

type HeaderValue = Buffer | string | undefined;

/** Each header value with its name and the name's length in bytes (measured once: the size and the write both need it). */
function headerEntries(headers: IHeaders | undefined): [name: string, nameLength: number, value: HeaderValue][] {
  const entries: [string, number, HeaderValue][] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const nameLength = Buffer.byteLength(name);
    if (Array.isArray(value)) for (const element of value) entries.push([name, nameLength, element]);
    else entries.push([name, nameLength, value]);
  }
  return entries;
}

function byteLength(bytes: HeaderValue | null): number {
  return bytes == null ? 0 : typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
}

function writeBytes(slab: Buffer, at: number, bytes: HeaderValue | null): number {
  if (bytes == null) return slab.writeInt32BE(-1, at);
  const next = slab.writeInt32BE(byteLength(bytes), at);
  return next + (typeof bytes === 'string' ? slab.write(bytes, next) : bytes.copy(slab, next));
}

function readBytes(slab: Buffer, at: number): { bytes: Buffer | null; next: number } {
  const length = slab.readInt32BE(at);
  if (length < 0) return { bytes: null, next: at + 4 };
  return { bytes: slab.subarray(at + 4, at + 4 + length), next: at + 4 + length };
}
