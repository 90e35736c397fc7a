import fs from 'node:fs/promises';
import os from 'node:os';

/** What the figures were measured on: ratios travel between machines, absolute figures do not. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
}

async function cpuModel(): Promise<string> {
  const info = await fs.readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
}

export async function describeMachine(): Promise<Machine> {
  return {
    cpu: await cpuModel(),
    cores: os.availableParallelism(),
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
