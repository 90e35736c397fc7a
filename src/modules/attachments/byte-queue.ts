/** Bytes received in pieces, taken off the front in the sizes a framing needs, copying only what is taken. */
export class ByteQueue {
  #parts: Buffer[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#parts.push(bytes);
    this.#length += bytes.length;
  }

  /** The first `count` bytes (at most what is held), removed from the queue. */
  take(count: number): Buffer {
    const wanted = Math.min(count, this.#length);
    const out = Buffer.allocUnsafe(wanted);
    let filled = 0;
    while (filled < wanted) {
      const first = this.#parts[0]!;
      const n = Math.min(first.length, wanted - filled);
      first.copy(out, filled, 0, n);
      filled += n;
      if (n === first.length) this.#parts.shift();
      else this.#parts[0] = first.subarray(n);
    }
    this.#length -= wanted;
    return out;
  }
}
