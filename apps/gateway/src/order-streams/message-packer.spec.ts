import fc from 'fast-check';
import { MessagePacker, type PackedMessage, SLAB_BYTES } from './message-packer.js';

/** A socket read that the parts of a message are views of, as kafkajs hands them. */
function viewsOf(text: string): (part: string) => Buffer {
  const read = Buffer.alloc(64 * 1024);
  read.write(text);
  return (part) => read.subarray(text.indexOf(part), text.indexOf(part) + part.length);
}

describe('MessagePacker', () => {
  it('reads back the value and headers it packed, a repeated header as an array, a null value as null', () => {
    const view = viewsOf('{"id":1}..e-1..ce_id..1.0..');
    const packer = new MessagePacker();
    const packed = packer.pack({ value: view('{"id":1}'), headers: { ce_id: view('e-1'), many: [view('ce_id'), 'text'], ce_specversion: view('1.0') } });
    const none = packer.pack({ value: null, headers: {} });

    expect(MessagePacker.unpack(packed)).toEqual({
      value: Buffer.from('{"id":1}'),
      headers: { ce_id: Buffer.from('e-1'), many: [Buffer.from('ce_id'), Buffer.from('text')], ce_specversion: Buffer.from('1.0') },
    });
    expect(MessagePacker.unpack(none)).toEqual({ value: null, headers: {} });
  });

  it('copies the bytes out of the read they came in, one message after another in a slab of its own', () => {
    const view = viewsOf('..{"id":1}..e-1..{"id":2}..');
    const packer = new MessagePacker();
    const first = packer.pack({ value: view('{"id":1}'), headers: { ce_id: view('e-1') } });
    const second = packer.pack({ value: view('{"id":2}'), headers: {} });

    expect(first.slab).toBe(second.slab);
    expect(first.slab.length).toBe(SLAB_BYTES);
    expect(second.start).toBe(first.end);
    const unpacked = MessagePacker.unpack(first);
    expect(unpacked.value!.buffer).toBe(first.slab.buffer);
    expect(unpacked.headers!.ce_id).toEqual(Buffer.from('e-1'));
  });

  it('starts a new slab when a message does not fit, and gives a larger message (or header name) a slab of its size', () => {
    const packer = new MessagePacker();
    const large = Buffer.alloc(SLAB_BYTES, 'x');
    const longName = 'h'.repeat(70_000);
    const small = packer.pack({ value: Buffer.from('small'), headers: {} });
    const big = packer.pack({ value: large, headers: { [longName]: Buffer.from('v') } });
    const after = packer.pack({ value: Buffer.from('after'), headers: {} });

    expect(big.slab).not.toBe(small.slab);
    expect(big.slab.length).toBe(big.end);
    expect(after.slab).not.toBe(big.slab);
    expect(MessagePacker.unpack(big).value!.equals(large)).toBe(true);
    expect(String(MessagePacker.unpack(big).headers![longName])).toBe('v');
    expect(String(MessagePacker.unpack(small).value)).toBe('small');
    expect(String(MessagePacker.unpack(after).value)).toBe('after');
  });

  it('reads back any message it packed, among others', () => {
    const bytes = fc.uint8Array({ maxLength: 3_000 }).map((array) => Buffer.from(array));
    const message = fc.record({
      value: fc.option(bytes, { nil: null }),
      headers: fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('constructor', 'toString', '__proto__')), fc.oneof(bytes, fc.array(bytes, { minLength: 2, maxLength: 3 }))),
    });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 60 }), (messages: PackedMessage[]) => {
        const packer = new MessagePacker();
        const packed = messages.map((m) => packer.pack(m));
        expect(packed.map(MessagePacker.unpack)).toEqual(messages);
      }),
    );
  });
});
