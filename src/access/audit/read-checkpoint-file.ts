import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CheckpointFormatError, checkpointFromJson, type Checkpoint } from './checkpoint.ts';

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * The checkpoints of a file written by fileCheckpointSink, read line by line. A malformed
 * line is an error (the file is evidence), except a partial last line with no newline:
 * an append cut short by a crash, never a delivered checkpoint.
 */
export async function readCheckpointFile(file: string): Promise<Checkpoint[]> {
  const torn = !(await endsWithNewline(file));
  const checkpoints: Checkpoint[] = [];
  let malformed: CheckpointFormatError | null = null;
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (malformed) throw malformed;
    lineNo += 1;
    if (line.trim() === '') continue;
    try {
      checkpoints.push(checkpointFromJson(line));
    } catch (error) {
      malformed = new CheckpointFormatError(`${file}:${lineNo}: ${(error as Error).message}`);
    }
  }
  if (malformed && !torn) throw malformed;
  return checkpoints;
}
