import type { Principal } from '../db/index.ts';

/**
 * The data subject a record in a response belongs to. Set by the code that turns a row into
 * what a route returns (from the row's own subject_id, never from what was asked for), so a
 * query that fetched the wrong row marks it with the wrong subject, and the egress guard
 * sees it. A symbol: JSON never carries it out.
 */
export const subjectOfRecord = Symbol('caseline.subject');

type Marked = { readonly [subjectOfRecord]?: string };

/** Marks `view` as a record of `subjectId`. */
export function carrying<T extends object>(subjectId: string, view: T): T {
  Object.defineProperty(view, subjectOfRecord, { value: subjectId, enumerable: false });
  return view;
}

/** Every subject whose records `body` carries, however deep: arrays, nested records, wrappers. */
export function subjectsCarried(body: unknown): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const subject = (value as Marked)[subjectOfRecord];
    if (subject !== undefined) found.add(subject);
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (!(value instanceof Date) && !Buffer.isBuffer(value)) for (const item of Object.values(value)) walk(item);
  };
  walk(body);
  return found;
}

/** The subjects in `carried` that `principal` is not: empty when the response may leave. */
export function foreignSubjects(principal: Principal, carried: ReadonlySet<string>): string[] {
  if (principal.kind !== 'customer') return [...carried];
  return [...carried].filter((subject) => subject !== principal.subjectId);
}

/** `view`, marked with the subject `from` was marked with: a record reshaped (fields left out) stays the same person's. */
export function carryOver<T extends object>(from: object, view: T): T {
  const subject = (from as Marked)[subjectOfRecord];
  return subject === undefined ? view : carrying(subject, view);
}
