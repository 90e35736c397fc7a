/** The process's resident memory around one phase; PGlite lives in this process, a PostgreSQL server does not. */
export interface MemoryMark {
  readonly phase: string;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
}

const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

export async function withMemoryMark<T>(phase: string, marks: MemoryMark[], fn: () => Promise<T>): Promise<T> {
  const rssBeforeMb = rssMb();
  const result = await fn();
  marks.push({ phase, rssBeforeMb, rssAfterMb: rssMb() });
  return result;
}
