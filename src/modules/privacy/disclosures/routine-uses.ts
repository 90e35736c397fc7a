import { findNotice, notices, type Notice, type NoticeId, type RecordType } from '../../../catalog/index.ts';

/** A routine use a disclosure may cite, as the catalog declares it. */
export interface RoutineUse {
  /** How an entry cites it as the notice's: '880.000:3'. */
  readonly reference: string;
  /** The same use cited as the agency's standard routine use: 'standard:3'. */
  readonly standardReference: string;
  readonly notice: NoticeId;
  /** 'USPS 880.000'. */
  readonly designation: string;
  readonly number: number;
  /** The notice's routine uses section in its own words (the catalog holds no separate text per standard use). */
  readonly noticeText: string;
}

/** A citation as written: a notice's routine use, or the agency's standard one. */
export type RoutineUseCitation =
  { readonly scope: 'notice'; readonly notice: Notice; readonly number: number } | { readonly scope: 'standard'; readonly number: number };

const citation = /^(.+):([1-9][0-9]{0,2})$/;

/**
 * Reads '880.000:3', 'USPS 880.000:3', 'usps-880:3', 'PAT-TM-20:12' or 'standard:3'; null
 * when it is none of these or names no notice of the catalog.
 */
export function parseRoutineUse(reference: string): RoutineUseCitation | null {
  const match = citation.exec(reference.trim());
  if (!match) return null;
  const number = Number(match[2]);
  if (match[1]!.trim().toLowerCase() === 'standard') return { scope: 'standard', number };
  const notice = findNotice(match[1]!);
  return notice ? { scope: 'notice', notice, number } : null;
}

/**
 * The routine uses of a notice. The catalog declares each notice's routine uses as the
 * agency's standard uses it adopts ("Standard routine uses 1. through 7., 10., and 11.
 * apply."), so a notice's use n is standard use n; a notice declaring uses of its own would
 * add them here.
 */
function usesOf(notice: Notice): RoutineUse[] {
  return notice.routineUses.standard.map((number) => ({
    reference: `${notice.id}:${number}`,
    standardReference: `standard:${number}`,
    notice: notice.id,
    designation: notice.designation,
    number,
    noticeText: notice.routineUses.text,
  }));
}

/** Every routine use of the catalog's notices, or those a record of `recordType` may be disclosed under. */
export function catalogRoutineUses(recordType?: RecordType): RoutineUse[] {
  return notices.filter((notice) => recordType === undefined || notice.id === recordType.notice).flatMap(usesOf);
}

/**
 * The canonical citation ('880.000:3', 'standard:3') when the routine use is one a record of
 * `recordType` may be disclosed under: a use of the record type's own notice, or a standard
 * use that notice adopts. Otherwise why not, in words that do not repeat the citation.
 */
export function resolveRoutineUse(reference: string, recordType: RecordType): { readonly use: string } | { readonly problem: string } {
  const cited = parseRoutineUse(reference);
  const notice = findNotice(recordType.notice)!;
  const numbers = notice.routineUses.standard;
  const listed = `notice ${notice.designation} has routine uses ${numbers.join(', ')}`;
  if (cited === null) return { problem: `must cite a routine use as '<notice>:<number>' or 'standard:<number>' (${listed})` };
  if (cited.scope === 'notice' && cited.notice.id !== notice.id)
    return { problem: `cites notice ${cited.notice.designation}, but the record is kept under ${notice.designation}` };
  if (!numbers.includes(cited.number)) return { problem: `is not a routine use of the record’s notice (${listed})` };
  return { use: cited.scope === 'standard' ? `standard:${cited.number}` : `${notice.id}:${cited.number}` };
}
