import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChunkSize, FileDecryptionError, openFile, sealFile } from './chunked-cipher.ts';

const headerLength = 9;
const tagLength = 16;

/** Feeds `bytes` in pieces of the given sizes (cycled), as a network or disk would. */
function pieces(bytes: Buffer, sizes: readonly number[]): Readable {
  const parts: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes.length === 0 ? bytes.length : Math.max(1, sizes[i % sizes.length]!);
    parts.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(parts, { objectMode: false });
}

async function through(source: Readable, transform: NodeJS.ReadWriteStream): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    source,
    transform,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(out);
}

const seal = (key: Buffer, id: string, plain: Buffer, chunkSize: number, sizes: readonly number[] = []) =>
  through(pieces(plain, sizes), sealFile(key, id, chunkSize));
const open = (key: Buffer, id: string, sealed: Buffer, sizes: readonly number[] = []) => through(pieces(sealed, sizes), openFile(key, id));

describe('chunked file cipher', () => {
  it('round-trips any content of any size, fed in any pieces, including empty files and exact multiples of the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }),
        fc.oneof(
          fc.uint8Array({ minLength: 0, maxLength: 700 }),
          // Exactly 0..4 whole chunks: the last chunk is full, and still the final one.
          fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 255 })).map(([n, b]) => new Uint8Array(n * 16).fill(b)),
        ),
        fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 5 }),
        async (chunkSize, content, inSizes, outSizes) => {
          const key = randomBytes(32);
          const plain = Buffer.from(content);
          const sealed = await seal(key, 'file-1', plain, chunkSize, inSizes);
          const chunks = Math.max(1, Math.ceil(plain.length / chunkSize));
          expect(sealed.length).toBe(headerLength + plain.length + chunks * tagLength);
          expect((await open(key, 'file-1', sealed, outSizes)).equals(plain)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never writes the plaintext', async () => {
    const plain = Buffer.from('Dear Postmaster, my name is Leopoldine Winterbourne and my parcel never came.'.repeat(40));
    const sealed = await seal(randomBytes(32), 'f', plain, 64);
    expect(sealed.includes(Buffer.from('Winterbourne'))).toBe(false);
  });

  it('refuses a file with any byte altered', async () => {
    const key = randomBytes(32);
    const plain = randomBytes(300);
    const sealed = await seal(key, 'f', plain, 64);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const altered = Buffer.from(sealed);
        altered[at]! ^= flip;
        await expect(open(key, 'f', altered)).rejects.toThrow(FileDecryptionError);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a file cut short anywhere, even at a chunk boundary', async () => {
    const key = randomBytes(32);
    const chunkSize = 32;
    const sealed = await seal(key, 'f', randomBytes(chunkSize * 4 + 5), chunkSize);
    const boundaries = [1, 2, 3, 4].map((n) => headerLength + n * (chunkSize + tagLength));
    for (const length of [0, 4, headerLength, ...boundaries.filter((b) => b < sealed.length), sealed.length - 1])
      await expect(open(key, 'f', sealed.subarray(0, length))).rejects.toThrow(FileDecryptionError);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sealed.length - 1 }), async (length) => {
        await expect(open(key, 'f', sealed.subarray(0, length))).rejects.toThrow(FileDecryptionError);
      }),
    );
  });

  it('refuses a file with two chunks swapped, a chunk repeated, or bytes appended', async () => {
    const key = randomBytes(32);
    const chunkSize = 32;
    const frame = chunkSize + tagLength;
    const sealed = await seal(key, 'f', randomBytes(chunkSize * 4), chunkSize);
    const chunk = (i: number) => sealed.subarray(headerLength + i * frame, headerLength + (i + 1) * frame);
    const head = sealed.subarray(0, headerLength);
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
        async ([a, b]) => {
          const order = [0, 1, 2, 3];
          [order[a], order[b]] = [order[b]!, order[a]!];
          const swapped = Buffer.concat([head, ...order.map(chunk)]);
          await expect(open(key, 'f', swapped)).rejects.toThrow(FileDecryptionError);
        },
      ),
    );
    await expect(open(key, 'f', Buffer.concat([head, chunk(0), chunk(0), chunk(2), chunk(3)]))).rejects.toThrow(FileDecryptionError);
    await expect(open(key, 'f', Buffer.concat([sealed, chunk(3)]))).rejects.toThrow(FileDecryptionError);
  });

  it('refuses chunks moved from another file, even one under the same key', async () => {
    const key = randomBytes(32);
    const chunkSize = 32;
    const frame = chunkSize + tagLength;
    const first = await seal(key, 'file-a', Buffer.alloc(chunkSize * 3, 1), chunkSize);
    const second = await seal(key, 'file-b', Buffer.alloc(chunkSize * 3, 2), chunkSize);
    const mixed = Buffer.concat([first.subarray(0, headerLength + frame), second.subarray(headerLength + frame)]);
    await expect(open(key, 'file-a', mixed)).rejects.toThrow(FileDecryptionError);
    await expect(open(key, 'file-b', first)).rejects.toThrow(FileDecryptionError);
    await expect(open(randomBytes(32), 'file-a', first)).rejects.toThrow(FileDecryptionError);
  });

  it('streams: plaintext comes out before the input is all in, and no piece exceeds a chunk', async () => {
    const key = randomBytes(32);
    const total = 64;
    let produced = 0;
    let producedAtFirstOutput = -1;
    let largest = 0;
    let received = 0;
    async function* source() {
      for (let i = 0; i < total; i += 1) {
        produced += 1;
        yield Buffer.alloc(defaultChunkSize, i);
      }
    }
    await pipeline(
      Readable.from(source(), { objectMode: false }),
      sealFile(key, 'big'),
      openFile(key, 'big'),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (producedAtFirstOutput < 0) producedAtFirstOutput = produced;
          largest = Math.max(largest, chunk.length);
          received += chunk.length;
          done();
        },
      }),
    );
    expect(received).toBe(total * defaultChunkSize);
    expect(largest).toBeLessThanOrEqual(defaultChunkSize);
    expect(producedAtFirstOutput).toBeGreaterThan(0);
    expect(producedAtFirstOutput).toBeLessThan(total / 2);
  });
});
