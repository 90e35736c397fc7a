import fs from 'node:fs/promises';
import path from 'node:path';
import { checkpointFromJson, checkpointToJson } from './checkpoint.ts';
import type { CheckpointSink } from './checkpoint-sink.ts';

// Far longer than any checkpoint line, so the last complete line is always inside it.
const tailBytes = 64 * 1024;

async function readTail(file: string): Promise<{ size: number; bytes: Buffer } | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const bytes = Buffer.alloc(length);
    await handle.read(bytes, 0, length, size - length);
    return { size, bytes };
  } finally {
    await handle.close();
  }
}

/**
 * Appends each checkpoint as one JSON line (JSON Lines) to `file`, flushed to disk before
 * it counts as delivered. Point it at storage the database's administrators cannot
 * rewrite (another host, a WORM bucket mount) for it to prove anything.
 */
export function fileCheckpointSink(file: string): CheckpointSink {
  return {
    name: `file:${file}`,
    async exportedThrough() {
      const tail = await readTail(file);
      if (tail === null || tail.size === 0) return 0;
      const end = tail.bytes.lastIndexOf(0x0a);
      if (end !== tail.bytes.length - 1) {
        // A crash mid-append left a partial line that was never a delivered checkpoint;
        // cut it so the next line starts cleanly.
        await fs.truncate(file, tail.size - tail.bytes.length + end + 1);
      }
      const complete = end > 0 ? tail.bytes.subarray(0, end).toString('utf8') : '';
      const last = complete.slice(complete.lastIndexOf('\n') + 1);
      return last ? checkpointFromJson(last).chainPos : 0;
    },
    async deliver(checkpoint) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const handle = await fs.open(file, 'a', 0o644);
      try {
        await handle.appendFile(`${checkpointToJson(checkpoint)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}
