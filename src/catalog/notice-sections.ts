import type { Notice } from './types.ts';

/** The Federal Register's headings for a system of records notice, in its order (seed 002). */
export const noticeHeadings = [
  'SYSTEM NAME AND NUMBER',
  'SECURITY CLASSIFICATION',
  'SYSTEM LOCATION',
  'SYSTEM MANAGER(S)',
  'AUTHORITY FOR MAINTENANCE OF THE SYSTEM',
  'PURPOSE(S) OF THE SYSTEM',
  'CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM',
  'CATEGORIES OF RECORDS IN THE SYSTEM',
  'RECORD SOURCE CATEGORIES',
  'ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND THE PURPOSES OF SUCH USES',
  'POLICIES AND PRACTICES FOR STORAGE OF RECORDS',
  'POLICIES AND PRACTICES FOR RETRIEVAL OF RECORDS',
  'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS',
  'ADMINISTRATIVE, TECHNICAL, AND PHYSICAL SAFEGUARDS',
  'RECORD ACCESS PROCEDURES',
  'CONTESTING RECORD PROCEDURES',
  'NOTIFICATION PROCEDURES',
  'EXEMPTIONS PROMULGATED FOR THE SYSTEM',
  'HISTORY',
] as const;
export type NoticeHeading = (typeof noticeHeadings)[number];

export interface ListItem {
  readonly title?: string;
  readonly text: string;
}

export type Block = { readonly kind: 'paragraph'; readonly text: string } | { readonly kind: 'list'; readonly items: readonly ListItem[] };

export interface NoticeSection {
  readonly heading: NoticeHeading;
  readonly blocks: readonly Block[];
}

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const list = (items: readonly (string | ListItem)[]): Block => ({
  kind: 'list',
  items: items.map((item) => (typeof item === 'string' ? { text: item } : item)),
});
/** The Federal Register numbers an enumeration but prints a single entry as prose. */
const entries = (texts: readonly string[]): Block[] => (texts.length === 1 ? texts.map(paragraph) : [list(texts)]);

/**
 * The retention items are those of the notice's record types, each printed once, in
 * record type order: a rule cannot be added without the sentence that publishes it.
 */
function retentionStatements(notice: Notice): string[] {
  return [...new Set(notice.recordTypes.map((recordType) => recordType.retentionStatement))];
}

export function noticeSections(notice: Notice): readonly NoticeSection[] {
  const body: Record<NoticeHeading, Block[]> = {
    'SYSTEM NAME AND NUMBER': [paragraph(`${notice.designation}, ${notice.name}.`)],
    'SECURITY CLASSIFICATION': [paragraph(notice.securityClassification)],
    'SYSTEM LOCATION': [paragraph(notice.systemLocation)],
    'SYSTEM MANAGER(S)': notice.systemManagers.map(paragraph),
    'AUTHORITY FOR MAINTENANCE OF THE SYSTEM': [paragraph(notice.authority)],
    'PURPOSE(S) OF THE SYSTEM': [list(notice.purposes)],
    'CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM': entries(notice.categoriesOfIndividuals),
    'CATEGORIES OF RECORDS IN THE SYSTEM': [list(notice.categoriesOfRecords)],
    'RECORD SOURCE CATEGORIES': [paragraph(notice.recordSourceCategories)],
    'ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND THE PURPOSES OF SUCH USES': [
      paragraph(notice.routineUses.text),
    ],
    'POLICIES AND PRACTICES FOR STORAGE OF RECORDS': [paragraph(notice.storage)],
    'POLICIES AND PRACTICES FOR RETRIEVAL OF RECORDS': entries(notice.retrieval.text),
    'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS': [
      ...(notice.retentionPreamble === undefined ? [] : [paragraph(notice.retentionPreamble)]),
      list(retentionStatements(notice)),
      paragraph(notice.disposal),
    ],
    'ADMINISTRATIVE, TECHNICAL, AND PHYSICAL SAFEGUARDS': notice.safeguards.map(paragraph),
    'RECORD ACCESS PROCEDURES': [paragraph(notice.recordAccessProcedures)],
    'CONTESTING RECORD PROCEDURES': [paragraph(notice.contestingRecordProcedures)],
    'NOTIFICATION PROCEDURES': [paragraph(notice.notificationProcedures)],
    'EXEMPTIONS PROMULGATED FOR THE SYSTEM': [paragraph(notice.exemptions)],
    HISTORY: [paragraph(notice.history)],
  };
  return noticeHeadings.map((heading) => ({ heading, blocks: body[heading] }));
}
