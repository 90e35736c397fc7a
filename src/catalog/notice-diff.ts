import type { NoticeJson, RecordTypeJson } from './notice-to-json.ts';
import type { Block, NoticeHeading, NoticeSection } from './notice-sections.ts';

/**
 * What a change to a system of records notice requires before the agency acts on it:
 * `needs_new_notice` — a significant change, published in the Federal Register as a new or
 * altered notice before it takes effect (5 U.S.C. 552a(e)(4), 552a(r); OMB Circular A-108):
 * a new purpose, a new category of individuals or of records, a new way of retrieving
 * records, a new or changed routine use; `revision` — anything else (retention wording,
 * storage, safeguards, procedures), folded into the next publication.
 */
export type NoticeChangeAction = 'needs_new_notice' | 'revision';

export type NoticeDiffTopic =
  | 'purposes'
  | 'categories_of_individuals'
  | 'categories_of_records'
  | 'routine_uses'
  | 'standard_routine_uses'
  | 'retrieval_keys'
  | 'record_types'
  | 'retention'
  | 'section';

export interface NoticeChange {
  readonly topic: NoticeDiffTopic;
  readonly change: 'added' | 'removed' | 'changed';
  /** What changed, in a few words: the item, or the section and record type it is in. */
  readonly item: string;
  readonly before?: string;
  readonly after?: string;
  readonly action: NoticeChangeAction;
  /**
   * 30 for a new or changed routine use: the public has 30 days to comment on it after the
   * notice is published, before it may be used (5 U.S.C. 552a(e)(11)).
   */
  readonly routineUseCommentDays?: 30;
}

export interface NoticeDiff {
  readonly noticeId: string;
  readonly changes: readonly NoticeChange[];
  /** The strongest action any change needs; 'none' when nothing changed. */
  readonly action: NoticeChangeAction | 'none';
  /** 30 when a routine use is new or changed (552a(e)(11)), else null. */
  readonly routineUseCommentDays: 30 | null;
}

const routineUseCommentDays = 30;

const headings = {
  purposes: 'PURPOSE(S) OF THE SYSTEM',
  individuals: 'CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM',
  records: 'CATEGORIES OF RECORDS IN THE SYSTEM',
  routineUses: 'ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND THE PURPOSES OF SUCH USES',
  retention: 'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS',
} as const satisfies Record<string, NoticeHeading>;

// Diffed item by item below; every other section is compared as a whole.
const itemised: ReadonlySet<string> = new Set([headings.purposes, headings.individuals, headings.records, headings.routineUses]);

function blocksOf(notice: NoticeJson, heading: NoticeHeading): readonly Block[] {
  return (notice.sections ?? []).find((s: NoticeSection) => s.heading === heading)?.blocks ?? [];
}

interface Item {
  readonly key: string;
  readonly text: string;
}

/** A section's entries: list items (keyed by title when titled) and paragraphs. */
function itemsOf(notice: NoticeJson, heading: NoticeHeading): Item[] {
  return blocksOf(notice, heading).flatMap((block) =>
    block.kind === 'paragraph'
      ? [{ key: block.text, text: block.text }]
      : block.items.map((item) => ({ key: item.title ?? item.text, text: item.title ? `${item.title}: ${item.text}` : item.text })),
  );
}

function textOf(blocks: readonly Block[]): string {
  return blocks
    .map((b) => (b.kind === 'paragraph' ? b.text : b.items.map((i) => (i.title ? `${i.title}: ${i.text}` : i.text)).join('\n')))
    .join('\n');
}

interface ItemRule {
  readonly topic: NoticeDiffTopic;
  readonly added: NoticeChangeAction;
  readonly changed: NoticeChangeAction;
  readonly commentDays?: boolean;
}

/** Items matched by key: added, removed, or kept under the same key with other text. A removal narrows the notice: a revision. */
function diffItems(before: readonly Item[], after: readonly Item[], rule: ItemRule): NoticeChange[] {
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Map(after.map((i) => [i.key, i]));
  const comment = (action: NoticeChangeAction) =>
    rule.commentDays && action === 'needs_new_notice' ? { routineUseCommentDays: 30 as const } : {};
  const changes: NoticeChange[] = [];
  for (const item of after) {
    const was = old.get(item.key);
    if (was === undefined)
      changes.push({ topic: rule.topic, change: 'added', item: item.text, action: rule.added, ...comment(rule.added) });
    else if (was.text !== item.text)
      changes.push({
        topic: rule.topic,
        change: 'changed',
        item: item.key,
        before: was.text,
        after: item.text,
        action: rule.changed,
        ...comment(rule.changed),
      });
  }
  for (const item of before) {
    if (!now.has(item.key)) changes.push({ topic: rule.topic, change: 'removed', item: item.text, action: 'revision' });
  }
  return changes;
}

const plain = (values: readonly (string | number)[]): Item[] => values.map((v) => ({ key: String(v), text: String(v) }));
const canonical = (value: unknown): string => JSON.stringify(sortKeys(value));

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The JSON of a notice written canonically (keys sorted, no spaces): what a published version's SHA-256 is taken over. */
export function canonicalNoticeJson(notice: NoticeJson): string {
  return canonical(notice);
}

function diffRecordType(before: RecordTypeJson, after: RecordTypeJson): NoticeChange[] {
  const changes: NoticeChange[] = [];
  const at = (what: string) => `${after.id}: ${what}`;
  if (canonical(before.retention) !== canonical(after.retention) || before.retentionStatement !== after.retentionStatement) {
    changes.push({
      topic: 'retention',
      change: 'changed',
      item: at('retention'),
      before: `${before.retentionDescription} — ${before.retentionStatement}`,
      after: `${after.retentionDescription} — ${after.retentionStatement}`,
      action: 'revision',
    });
  }
  const fields = (rt: RecordTypeJson) =>
    Object.entries(rt.fields ?? {}).map(([field, fieldClass]) => ({ key: field, text: `${field} (${fieldClass})` }));
  const masked = (rt: RecordTypeJson) =>
    Object.entries(rt.masked ?? {}).map(([field, mask]) => ({ key: field, text: `${field} masked ${mask}` }));
  for (const [what, items] of [
    ['name', (rt: RecordTypeJson) => [{ key: 'name', text: rt.name }]],
    ['category', (rt: RecordTypeJson) => plain(rt.categories ?? [])],
    ['retrieval key', (rt: RecordTypeJson) => plain(rt.retrievalKeys ?? [])],
    ['field', fields],
    ['mask', masked],
  ] as const) {
    for (const change of diffItems(items(before), items(after), { topic: 'record_types', added: 'revision', changed: 'revision' })) {
      changes.push({ ...change, item: at(`${what} ${change.change === 'changed' ? '' : `${change.item}`}`.trim()) });
    }
  }
  return changes;
}

/**
 * What changed from `before` (a published version) to `after` (the catalog now), item by
 * item, each with the action it requires. Both are noticeToJson() documents; a published
 * one may come from an older Caseline, so missing parts count as empty.
 */
export function diffNotices(before: NoticeJson, after: NoticeJson): NoticeDiff {
  const changes: NoticeChange[] = [
    ...diffItems(itemsOf(before, headings.purposes), itemsOf(after, headings.purposes), {
      topic: 'purposes',
      added: 'needs_new_notice',
      changed: 'needs_new_notice',
    }),
    ...diffItems(itemsOf(before, headings.individuals), itemsOf(after, headings.individuals), {
      topic: 'categories_of_individuals',
      added: 'needs_new_notice',
      changed: 'needs_new_notice',
    }),
    // Titled categories keep their key when their description is reworded: a revision.
    ...diffItems(itemsOf(before, headings.records), itemsOf(after, headings.records), {
      topic: 'categories_of_records',
      added: 'needs_new_notice',
      changed: 'revision',
    }),
    ...diffItems(plain([before.routineUses?.text ?? '']), plain([after.routineUses?.text ?? '']), {
      topic: 'routine_uses',
      added: 'needs_new_notice',
      changed: 'needs_new_notice',
      commentDays: true,
    }),
    ...diffItems(plain(before.routineUses?.standard ?? []), plain(after.routineUses?.standard ?? []), {
      topic: 'standard_routine_uses',
      added: 'needs_new_notice',
      changed: 'needs_new_notice',
      commentDays: true,
    }),
    ...diffItems(plain(before.retrievalKeys ?? []), plain(after.retrievalKeys ?? []), {
      topic: 'retrieval_keys',
      added: 'needs_new_notice',
      changed: 'needs_new_notice',
    }),
  ];
  // One routine-use paragraph replaced by another reads as removed + added: call it changed.
  const routine = changes.filter((c) => c.topic === 'routine_uses');
  if (routine.length === 2) {
    const [added, removed] = routine as [NoticeChange, NoticeChange];
    changes.splice(changes.indexOf(added), 2, {
      topic: 'routine_uses',
      change: 'changed',
      item: 'routine uses',
      before: removed.item,
      after: added.item,
      action: 'needs_new_notice',
      routineUseCommentDays: routineUseCommentDays,
    });
  }
  for (const section of after.sections ?? []) {
    if (itemised.has(section.heading)) continue;
    // The retention items are the record types' statements, diffed with them below.
    const keep = (blocks: readonly Block[]) =>
      section.heading === headings.retention ? blocks.filter((b) => b.kind === 'paragraph') : blocks;
    const was = textOf(keep(blocksOf(before, section.heading)));
    const now = textOf(keep(section.blocks));
    if (was !== now)
      changes.push({
        topic: 'section',
        change: was === '' ? 'added' : 'changed',
        item: section.heading,
        before: was,
        after: now,
        action: 'revision',
      });
  }
  const oldTypes = new Map((before.recordTypes ?? []).map((rt) => [rt.id, rt]));
  const newIds = new Set((after.recordTypes ?? []).map((rt) => rt.id));
  for (const rt of after.recordTypes ?? []) {
    const was = oldTypes.get(rt.id);
    if (was === undefined)
      changes.push({
        topic: 'record_types',
        change: 'added',
        item: `${rt.id} (${rt.name}; ${rt.retentionDescription})`,
        action: 'revision',
      });
    else changes.push(...diffRecordType(was, rt));
  }
  for (const rt of before.recordTypes ?? []) {
    if (!newIds.has(rt.id)) changes.push({ topic: 'record_types', change: 'removed', item: `${rt.id} (${rt.name})`, action: 'revision' });
  }
  const action = changes.some((c) => c.action === 'needs_new_notice') ? 'needs_new_notice' : changes.length > 0 ? 'revision' : 'none';
  return {
    noticeId: after.id,
    changes,
    action,
    routineUseCommentDays: changes.some((c) => c.routineUseCommentDays !== undefined) ? routineUseCommentDays : null,
  };
}

const topicNames: Record<NoticeDiffTopic, string> = {
  purposes: 'Purpose',
  categories_of_individuals: 'Category of individuals',
  categories_of_records: 'Category of records',
  routine_uses: 'Routine uses',
  standard_routine_uses: 'Standard routine use',
  retrieval_keys: 'Retrieval key',
  record_types: 'Record type',
  retention: 'Retention',
  section: 'Section',
};

/** The action a diff requires, in one sentence. */
export function requiredAction(diff: NoticeDiff): string {
  if (diff.action === 'none') return 'Required action: none — the catalog matches the published notice.';
  if (diff.action === 'revision') return 'Required action: revision only — fold these changes into the next publication of the notice.';
  const comment =
    diff.routineUseCommentDays === null
      ? ''
      : `, and ${diff.routineUseCommentDays} days' notice for comment before a new or changed routine use takes effect (5 U.S.C. 552a(e)(11))`;
  return `Required action: a new or altered notice in the Federal Register before the change takes effect (5 U.S.C. 552a(e)(4), 552a(r))${comment}.`;
}

/** The diff as Markdown lines: the required action, then one bullet per change with its classification. */
export function renderNoticeDiff(diff: NoticeDiff): string[] {
  if (diff.changes.length === 0) return [requiredAction(diff)];
  const lines = [requiredAction(diff), ''];
  for (const c of diff.changes) {
    const tag =
      c.action === 'needs_new_notice'
        ? c.routineUseCommentDays
          ? `new notice, ${c.routineUseCommentDays} days' comment`
          : 'new notice'
        : 'revision';
    lines.push(`- [${tag}] ${topicNames[c.topic]} ${c.change}: ${c.item}`);
    if (c.change === 'changed' && c.before !== undefined && c.after !== undefined) {
      lines.push(`  - was: ${c.before.replace(/\n/g, ' / ')}`, `  - now: ${c.after.replace(/\n/g, ' / ')}`);
    }
  }
  return lines;
}
