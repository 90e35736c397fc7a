import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditRecord, ChainRecord, SealedRecord } from './audit-record.ts';
import { createAuditSigner } from './audit-signer.ts';
import { entryHash } from './canonical-entry.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { sealRecords } from './seal-records.ts';
import { verifyChain, type ChainProblemKind } from './verify-chain.ts';

const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const otherSigner = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const publicKey = signer.publicKey;

const text = fc.string({ maxLength: 12, unit: 'grapheme' });
const nullableText = fc.option(text, { nil: null });
const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.toISOString().slice(0, -1)}000Z`);
const detail = fc
  .dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.integer(), fc.boolean(), text), { maxKeys: 3 })
  .map((o) => JSON.stringify(o));

const record = (id: number) =>
  fc
    .record({
      at: isoTime,
      actorKind: fc.constantFrom('staff', 'customer', 'system'),
      actorId: text,
      actorRole: text,
      action: fc.constantFrom('read', 'create', 'update', 'disclose', 'login'),
      recordType: nullableText,
      recordId: nullableText,
      subjects: fc.array(fc.uuid(), { maxLength: 3 }),
      purpose: text,
      requestId: nullableText,
      clientAddr: nullableText,
      outcome: fc.constantFrom('ok', 'denied', 'failed'),
      detail,
    })
    .map((r): AuditRecord => ({ id, ...r }));

interface Built {
  readonly sealed: SealedRecord[];
  readonly checkpoints: Checkpoint[];
}

/** A chain as the sealer builds it: ids increasing but with holes (rolled-back inserts), sealed in batches. */
const chain = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.tuple(fc.constant(n), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: 8 })),
  )
  .chain(([n, steps, every]) => {
    const ids = steps.reduce<number[]>((acc, step) => [...acc, (acc[acc.length - 1] ?? 0) + step], []);
    return fc.tuple(fc.tuple(...ids.map(record)), fc.array(isoTime, { minLength: n, maxLength: n }), fc.constant(every));
  })
  .map(([records, sealTimes, every]): Built => {
    let sealed: SealedRecord[] = [];
    // Batches of 1–4, each with its own sealed_at, as successive sealPending calls produce.
    for (let i = 0; i < records.length;) {
      const size = 1 + (i % 4);
      const head = sealed[sealed.length - 1] ?? null;
      sealed = [...sealed, ...sealRecords(head, records.slice(i, i + size), sealTimes[i]!)];
      i += size;
    }
    const checkpoints = sealed
      .filter((s) => s.chainPos % every === 0)
      .map((s) => signCheckpoint(signer, s.chainPos, s.hash, new Date(Date.UTC(2030, 0, 1, 0, 0, s.chainPos))));
    return { sealed, checkpoints };
  });

/** What the database returns: rows in (chain_pos, id) order. */
function asRead(rows: readonly ChainRecord[]): ChainRecord[] {
  return [...rows].sort((a, b) => a.chainPos - b.chainPos || a.id - b.id);
}

function flip(buffer: Buffer, bit: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

const contentFields = [
  'id',
  'at',
  'actorKind',
  'actorId',
  'actorRole',
  'action',
  'recordType',
  'recordId',
  'subjects',
  'purpose',
  'requestId',
  'clientAddr',
  'outcome',
  'detail',
  'sealedAt',
] as const;

/** A different value for a field: the change an attacker with the owner's rights would make. */
function changed(entry: SealedRecord, field: (typeof contentFields)[number], salt: string): Partial<ChainRecord> {
  switch (field) {
    case 'id':
      return { id: entry.id + 1 + salt.length };
    case 'subjects':
      return entry.subjects.length > 1
        ? { subjects: [...entry.subjects].reverse().concat(salt.length % 2 ? [] : ['00000000-0000-4000-8000-000000000000']) }
        : { subjects: [...entry.subjects, '00000000-0000-4000-8000-000000000000'] };
    case 'recordType':
    case 'recordId':
    case 'requestId':
    case 'clientAddr':
      return { [field]: entry[field] === null ? salt : salt.length % 2 ? null : `${entry[field]}${salt}` };
    default:
      return { [field]: `${entry[field]}${salt}` };
  }
}

interface Expectation {
  readonly kind: ChainProblemKind;
  readonly chainPos: number;
}

type Mutation = (built: Built) => { rows: ChainRecord[]; checkpoints: Checkpoint[]; expected: Expectation } | null;

const pick = (n: number, r: number) => 1 + (r % n);

const mutations: Record<string, fc.Arbitrary<Mutation>> = {
  changeField: fc
    .tuple(fc.nat(), fc.constantFrom(...contentFields), fc.string({ minLength: 1, maxLength: 4 }))
    .map(([r, field, salt]) => ({ sealed, checkpoints }) => {
      const p = pick(sealed.length, r);
      const rows = sealed.map((s) => (s.chainPos === p ? { ...s, ...changed(s, field, salt) } : s));
      return { rows: asRead(rows), checkpoints, expected: { kind: 'hash_mismatch', chainPos: p } };
    }),
  changePrevHash: fc.tuple(fc.nat(), fc.nat(255)).map(([r, bit]) => ({ sealed, checkpoints }) => {
    const p = pick(sealed.length, r);
    const rows = sealed.map((s) => (s.chainPos === p ? { ...s, prevHash: flip(s.prevHash, bit) } : s));
    return { rows, checkpoints, expected: { kind: 'prev_mismatch', chainPos: p } };
  }),
  changeHash: fc.tuple(fc.nat(), fc.nat(255)).map(([r, bit]) => ({ sealed, checkpoints }) => {
    const p = pick(sealed.length, r);
    const rows = sealed.map((s) => (s.chainPos === p ? { ...s, hash: flip(s.hash, bit) } : s));
    return { rows, checkpoints, expected: { kind: 'hash_mismatch', chainPos: p } };
  }),
  clearChainColumn: fc.tuple(fc.nat(), fc.constantFrom('prevHash', 'hash', 'sealedAt')).map(([r, column]) => ({ sealed, checkpoints }) => {
    const p = pick(sealed.length, r);
    const rows = sealed.map((s) => (s.chainPos === p ? { ...s, [column]: null } : s));
    return { rows, checkpoints, expected: { kind: column === 'prevHash' ? 'prev_mismatch' : 'hash_mismatch', chainPos: p } };
  }),
  moveChainPos: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([r, target]) => ({ sealed, checkpoints }) => {
    const p = pick(sealed.length, r);
    if (target === p) return null;
    const rows = asRead(sealed.map((s) => (s.chainPos === p ? { ...s, chainPos: target } : s)));
    // Moved later: its old place is empty. Moved earlier: two entries claim the target.
    const expected: Expectation = target > p ? { kind: 'gap', chainPos: p } : { kind: 'prev_mismatch', chainPos: target };
    return { rows, checkpoints, expected };
  }),
  deleteOne: fc.nat().map((r) => ({ sealed, checkpoints }) => {
    if (sealed.length < 2) return null;
    const p = pick(sealed.length - 1, r); // deleting the last one is truncation, below
    return { rows: sealed.filter((s) => s.chainPos !== p), checkpoints, expected: { kind: 'gap', chainPos: p } };
  }),
  swapTwo: fc.tuple(fc.nat(), fc.nat()).map(([r1, r2]) => ({ sealed, checkpoints }) => {
    const i = pick(sealed.length, r1);
    const j = pick(sealed.length, r2);
    if (i === j) return null;
    const rows = asRead(sealed.map((s) => (s.chainPos === i ? { ...s, chainPos: j } : s.chainPos === j ? { ...s, chainPos: i } : s)));
    return { rows, checkpoints, expected: { kind: 'prev_mismatch', chainPos: Math.min(i, j) } };
  }),
  insertForged: fc
    .tuple(fc.nat(), record(0), fc.boolean(), fc.boolean())
    .map(([r, forged, renumber, lowId]) => ({ sealed, checkpoints }) => {
      const k = pick(sealed.length, r);
      // The forger knows the algorithm: the entry links correctly to the one before it.
      const prevHash = sealed[k - 2]?.hash ?? Buffer.alloc(32);
      const id = lowId ? -1 : sealed[sealed.length - 1]!.id + 1;
      const base = { ...forged, id, chainPos: k, sealedAt: sealed[k - 1]!.sealedAt };
      const entry: ChainRecord = { ...base, prevHash, hash: entryHash(prevHash, base) };
      const others = renumber ? sealed.map((s) => (s.chainPos >= k ? { ...s, chainPos: s.chainPos + 1 } : s)) : sealed;
      // The forged entry, when read first at k, links; a checkpoint at k then exposes it.
      // Otherwise the next entry read breaks: the displaced one (renumbered) no longer
      // links, or a second entry claims position k.
      const readFirst = renumber || lowId;
      const expected: Expectation =
        readFirst && checkpoints.some((c) => c.chainPos === k)
          ? { kind: 'checkpoint_mismatch', chainPos: k }
          : { kind: 'prev_mismatch', chainPos: renumber ? k + 1 : k };
      return { rows: asRead([...others, entry]), checkpoints, expected };
    }),
  truncateBehindCheckpoint: fc.tuple(fc.nat(), fc.nat()).map(([r1, r2]) => ({ sealed, checkpoints }) => {
    const last = checkpoints[checkpoints.length - 1];
    if (!last) return null;
    const cut = r1 % last.chainPos; // entries 1..cut survive
    const rows = sealed.filter((s) => s.chainPos <= cut);
    // The attacker also deletes the stored checkpoints beyond the cut; exported copies survive.
    const exported = checkpoints.filter((c, i) => i <= r2 % checkpoints.length || c.chainPos > cut);
    return { rows, checkpoints: exported, expected: { kind: 'truncated', chainPos: cut + 1 } };
  }),
  rewriteAndRehash: fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 4 })).map(([r, salt]) => ({ sealed, checkpoints }) => {
    const last = checkpoints[checkpoints.length - 1];
    if (!last) return null;
    const p = pick(last.chainPos, r);
    // Changes entry p and recomputes every hash after it, so the chain itself is consistent.
    const prefix = sealed.filter((s) => s.chainPos < p);
    const tail = sealed.filter((s) => s.chainPos >= p).map((s, i) => (i === 0 ? { ...s, purpose: `${s.purpose}${salt}` } : s));
    const head = prefix[prefix.length - 1] ?? null;
    const resealed = tail.reduce<SealedRecord[]>((acc, s) => {
      const prev = acc[acc.length - 1] ?? head;
      return [...acc, ...sealRecords(prev, [s], s.sealedAt)];
    }, []);
    const firstCovering = checkpoints.find((c) => c.chainPos >= p)!;
    return { rows: [...prefix, ...resealed], checkpoints, expected: { kind: 'checkpoint_mismatch', chainPos: firstCovering.chainPos } };
  }),
  forgeCheckpoint: fc.tuple(fc.nat(), fc.boolean()).map(([r, otherKey]) => ({ sealed, checkpoints }) => {
    const target = sealed[r % sealed.length]!;
    const honest = signCheckpoint(signer, target.chainPos, target.hash, new Date());
    const forged = otherKey
      ? signCheckpoint(otherSigner, target.chainPos, target.hash, new Date())
      : { ...honest, hash: flip(target.hash, r % 256).toString('hex') };
    return { rows: sealed, checkpoints: [...checkpoints, forged], expected: { kind: 'bad_signature', chainPos: target.chainPos } };
  }),
};

describe('verifyChain', () => {
  it('verifies every untampered chain, with all its checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(chain, async ({ sealed, checkpoints }) => {
        const result = await verifyChain(sealed, { checkpoints, publicKey });
        expect(result).toEqual({
          ok: true,
          entries: sealed.length,
          sealedHead: { chainPos: sealed.length, hash: sealed[sealed.length - 1]!.hash.toString('hex') },
          checkpointsChecked: checkpoints.length,
        });
      }),
      { numRuns: 200 },
    );
  });

  for (const [name, mutation] of Object.entries(mutations)) {
    it(`catches ${name} and names the position`, async () => {
      await fc.assert(
        fc.asyncProperty(chain, mutation, async (built, mutate) => {
          const tampered = mutate(built);
          fc.pre(tampered !== null);
          const result = await verifyChain(tampered!.rows, { checkpoints: tampered!.checkpoints, publicKey });
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect({ kind: result.problem.kind, chainPos: result.problem.chainPos }).toEqual(tampered!.expected);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('accepts an empty chain and reports a checkpoint beyond it as truncation', async () => {
    expect(await verifyChain([], { checkpoints: [], publicKey })).toEqual({
      ok: true,
      entries: 0,
      sealedHead: null,
      checkpointsChecked: 0,
    });
    const checkpoint = signCheckpoint(signer, 3, Buffer.alloc(32, 1), new Date());
    const result = await verifyChain([], { checkpoints: [checkpoint], publicKey });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'truncated', chainPos: 1 } });
  });

  it('accepts checkpoints of an earlier key when its public key is given too', async () => {
    const [entry] = sealRecords(
      null,
      [
        {
          id: 1,
          at: '2025-01-01T00:00:00.000000Z',
          actorKind: 'system',
          actorId: 'system:t',
          actorRole: 'system',
          action: 'read',
          recordType: null,
          recordId: null,
          subjects: [],
          purpose: 'p',
          requestId: null,
          clientAddr: null,
          outcome: 'ok',
          detail: '{}',
        },
      ],
      '2025-01-01T00:00:01.000000Z',
    );
    const old = signCheckpoint(otherSigner, 1, entry!.hash, new Date());
    expect((await verifyChain([entry!], { checkpoints: [old], publicKey })).ok).toBe(false);
    expect(await verifyChain([entry!], { checkpoints: [old], publicKey: [publicKey, otherSigner.publicKey] })).toMatchObject({
      ok: true,
      checkpointsChecked: 1,
    });
  });
});
