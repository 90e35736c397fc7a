import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export type FeedFormat = 'ndjson' | 'csv';

/** A record of a feed, or a line that could not be read as one; `line` is 1-based. */
export type FeedRecord =
  { readonly line: number; readonly fields: Readonly<Record<string, unknown>> } | { readonly line: number; readonly unreadable: string };

/** A line longer than any event could be: not a feed of ours. */
export const maxLineLength = 4096;

/** One CSV line (RFC 4180 quoting, no line breaks inside fields: a feed has one event per line). */
function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return null;
        field += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(field);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/**
 * Reads a feed as it arrives, one record per line: NDJSON (one JSON object a line) or CSV with
 * a header line naming the fields. Blank lines are skipped. Nothing is held but the line being
 * read, so a feed of any size streams through.
 */
export async function* readFeed(input: Readable, format: FeedFormat): AsyncGenerator<FeedRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | null = null;
  let number = 0;
  for await (const raw of lines) {
    number++;
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    if (line.length > maxLineLength) {
      yield { line: number, unreadable: `is longer than ${maxLineLength} characters` };
      continue;
    }
    if (format === 'ndjson') {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        yield { line: number, unreadable: 'is not valid JSON' };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { line: number, unreadable: 'is not a JSON object' };
      else yield { line: number, fields: value as Record<string, unknown> };
      continue;
    }
    const fields = csvFields(line);
    if (fields === null) {
      yield { line: number, unreadable: 'has a badly quoted field' };
      continue;
    }
    if (header === null) {
      header = fields.map((f) => f.trim());
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: number, unreadable: `has ${fields.length} fields where the header has ${header.length}` };
      continue;
    }
    yield { line: number, fields: Object.fromEntries(header.map((name, i) => [name, fields[i]])) };
  }
}
