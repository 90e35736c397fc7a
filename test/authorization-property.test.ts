import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { recordActions, systemActions } from '../src/access/matrix.ts';
import { can, canInEveryArea, relationOf } from '../src/access/policy.ts';
import { customerPrincipal, staffPrincipal } from '../src/access/principals.ts';
import { staffRoles } from '../src/access/roles.ts';
import { testDatabase } from './support/database.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const areas = ['area-a', 'area-b', 'area-c'];
const subjects = [randomUUID(), randomUUID()];

const principal = fc.oneof(
  fc
    .record({
      roles: fc.subarray([...staffRoles], { minLength: 0 }),
      areas: fc.subarray(areas),
      mfaPassed: fc.boolean(),
    })
    .map((p) => staffPrincipal({ id: randomUUID(), ...p })),
  fc.constantFrom(...subjects).map((s) => customerPrincipal(s)),
);
const record = fc.record({
  subjectId: fc.option(fc.constantFrom(...subjects), { nil: null }),
  businessArea: fc.option(fc.constantFrom(...areas), { nil: null }),
});
const action = fc.constantFrom(...recordActions, ...systemActions);

describe('service layer and row-level security agree', () => {
  it('can() and relationOf() give the SQL functions’ answers for any principal and record', async () => {
    await fc.assert(
      fc.asyncProperty(principal, record, action, async (p, r, a) => {
        const sqlAnswer = await withPrincipal(database.db, p, async (trx) => {
          const result = await sql<{ relation: string; allowed: boolean }>`
            SELECT caseline.relation(${r.subjectId}::uuid, ${r.businessArea}) AS relation,
                   caseline.allowed(${a}, ${r.subjectId}::uuid, ${r.businessArea}) AS allowed`.execute(trx);
          return result.rows[0]!;
        });
        expect(sqlAnswer.relation).toBe(relationOf(p, r));
        expect(sqlAnswer.allowed).toBe(can(p, a, r));
      }),
      { numRuns: 300 },
    );
  });
});

describe('acts on a subject’s records in every area', () => {
  it('canInEveryArea() holds exactly when can() allows the action on a record of any subject in any area or none', () => {
    // Every area: the generated principals' and one none of them works in, as the agency has.
    const everyRecord = [null, ...subjects].flatMap((subjectId) =>
      [null, ...areas, 'area-elsewhere'].map((businessArea) => ({ subjectId, businessArea })),
    );
    fc.assert(
      fc.property(principal, action, (p, a) => {
        expect(canInEveryArea(p, a)).toBe(everyRecord.every((r) => can(p, a, r)));
      }),
      { numRuns: 2000 },
    );
  });
});
