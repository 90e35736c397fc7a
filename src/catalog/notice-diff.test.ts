import { describe, expect, it } from 'vitest';
import { canonicalNoticeJson, diffNotices, renderNoticeDiff, requiredAction } from './notice-diff.ts';
import type { NoticeJson } from './notice-to-json.ts';
import { getNotice } from './notices.ts';
import { noticeToJson } from './notice-to-json.ts';
import type { Notice } from './types.ts';

const base = getNotice('880.000');
const json = (notice: Notice): NoticeJson => noticeToJson(notice);
const published = json(base);

describe('diffNotices', () => {
  it('finds nothing between a notice and itself, or its JSON after a round trip', () => {
    const roundTrip = JSON.parse(JSON.stringify(published)) as NoticeJson;
    const diff = diffNotices(published, roundTrip);
    expect(diff).toEqual({ noticeId: '880.000', changes: [], action: 'none', routineUseCommentDays: null });
    expect(renderNoticeDiff(diff)).toEqual([requiredAction(diff)]);
    expect(requiredAction(diff)).toMatch(/none/);
  });

  it('flags a new standard routine use as needing a new notice with 30 days for comment (552a(e)(11))', () => {
    const diff = diffNotices(
      published,
      json({ ...base, routineUses: { ...base.routineUses, standard: [...base.routineUses.standard, 12] } }),
    );
    expect(diff.changes).toEqual([
      { topic: 'standard_routine_uses', change: 'added', item: '12', action: 'needs_new_notice', routineUseCommentDays: 30 },
    ]);
    expect(diff.action).toBe('needs_new_notice');
    expect(diff.routineUseCommentDays).toBe(30);
    expect(requiredAction(diff)).toMatch(/30 days' notice for comment.*552a\(e\)\(11\)/);
  });

  it('flags a reworded routine use as a changed routine use, also with 30 days', () => {
    const text = 'Standard routine uses 1. through 7., 10., 11., and a disclosure to the Census Bureau apply.';
    const diff = diffNotices(published, json({ ...base, routineUses: { ...base.routineUses, text } }));
    expect(diff.changes).toEqual([
      {
        topic: 'routine_uses',
        change: 'changed',
        item: 'routine uses',
        before: base.routineUses.text,
        after: text,
        action: 'needs_new_notice',
        routineUseCommentDays: 30,
      },
    ]);
    // The section that prints the routine uses is diffed as routine uses, not again as text.
    expect(diff.changes.filter((c) => c.topic === 'section')).toEqual([]);
  });

  it('treats a dropped routine use as a narrowing revision', () => {
    const diff = diffNotices(
      published,
      json({ ...base, routineUses: { ...base.routineUses, standard: base.routineUses.standard.slice(1) } }),
    );
    expect(diff.changes).toEqual([{ topic: 'standard_routine_uses', change: 'removed', item: '1', action: 'revision' }]);
    expect(diff.action).toBe('revision');
    expect(diff.routineUseCommentDays).toBeNull();
  });

  it('requires a new notice for a new purpose, category of individuals or of records, or retrieval key', () => {
    const changed = json({
      ...base,
      purposes: [...base.purposes, 'To offer customers a loyalty programme.'],
      categoriesOfIndividuals: [...base.categoriesOfIndividuals, 'Members of the loyalty programme.'],
      categoriesOfRecords: [...base.categoriesOfRecords, { title: 'Loyalty information', text: 'Points balance and tier.' }],
      retrieval: { ...base.retrieval, keys: [...base.retrieval.keys.filter((k) => k !== 'phone'), 'phone'] },
    });
    const diff = diffNotices(published, changed);
    expect(diff.changes.map((c) => [c.topic, c.change, c.action])).toEqual([
      ['purposes', 'added', 'needs_new_notice'],
      ['categories_of_individuals', 'added', 'needs_new_notice'],
      ['categories_of_records', 'added', 'needs_new_notice'],
    ]);
    expect(diff.changes[0]!.item).toBe('To offer customers a loyalty programme.');
    expect(diff.changes[2]!.item).toBe('Loyalty information: Points balance and tier.');
    expect(diff.routineUseCommentDays).toBeNull();
    expect(requiredAction(diff)).toMatch(/new or altered notice/);
    expect(requiredAction(diff)).not.toMatch(/30 days/);

    const withoutPhone = { ...published, retrievalKeys: published.retrievalKeys.filter((k) => k !== 'phone') };
    expect(diffNotices(withoutPhone, published).changes).toEqual([
      { topic: 'retrieval_keys', change: 'added', item: 'phone', action: 'needs_new_notice' },
    ]);
  });

  it('calls a reworded category of records (same title) a revision, as storage, safeguards and retention', () => {
    const [first, ...rest] = base.categoriesOfRecords;
    const recordType = base.recordTypes[0]!;
    const changed = json({
      ...base,
      categoriesOfRecords: [{ ...first!, text: `${first!.text} Reworded.` }, ...rest],
      storage: 'Automated databases only.',
      safeguards: [...base.safeguards, 'Records are encrypted per data subject.'],
      recordTypes: [
        {
          ...recordType,
          retention: { kind: 'from_creation', period: { amount: 9, unit: 'years' } },
          retentionStatement: 'Records are kept 9 years.',
        },
        ...base.recordTypes.slice(1),
      ],
    });
    const diff = diffNotices(published, changed);
    expect(diff.action).toBe('revision');
    expect(diff.changes.every((c) => c.action === 'revision')).toBe(true);
    expect(diff.changes.map((c) => [c.topic, c.change, c.item])).toEqual([
      ['categories_of_records', 'changed', first!.title],
      ['section', 'changed', 'POLICIES AND PRACTICES FOR STORAGE OF RECORDS'],
      ['section', 'changed', 'ADMINISTRATIVE, TECHNICAL, AND PHYSICAL SAFEGUARDS'],
      ['retention', 'changed', `${recordType.id}: retention`],
    ]);
    expect(diff.changes[3]!.after).toMatch(/9 years/);
  });

  it('lists added and removed record types and their fields as revisions', () => {
    const [first, ...rest] = base.recordTypes;
    const changed = json({
      ...base,
      recordTypes: [{ ...first!, fields: { ...first!.fields, loyalty_tier: 'operational' } }, ...rest.slice(1)],
    });
    const diff = diffNotices(published, changed);
    expect(diff.changes.map((c) => [c.topic, c.change, c.item])).toEqual([
      ['record_types', 'added', `${first!.id}: field loyalty_tier (operational)`],
      ['record_types', 'removed', `${rest[0]!.id} (${rest[0]!.name})`],
    ]);
  });

  it('renders each change with its classification, and the required action first', () => {
    const diff = diffNotices(
      published,
      json({ ...base, routineUses: { ...base.routineUses, standard: [...base.routineUses.standard, 12] } }),
    );
    expect(renderNoticeDiff(diff)).toEqual([requiredAction(diff), '', "- [new notice, 30 days' comment] Standard routine use added: 12"]);
  });
});

describe('canonicalNoticeJson', () => {
  it('does not depend on key order', () => {
    const reordered = Object.fromEntries(Object.entries(published).reverse()) as unknown as NoticeJson;
    expect(canonicalNoticeJson(reordered)).toBe(canonicalNoticeJson(published));
  });
});
