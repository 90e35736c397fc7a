import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { customerRelations, matrix, staffRelations, type RecordAction, type Relation } from '../src/access/matrix.ts';
import { can } from '../src/access/policy.ts';
import { customerPrincipal, staffPrincipal } from '../src/access/principals.ts';
import { staffRoles, type Role } from '../src/access/roles.ts';
import { testDatabase } from './support/database.ts';

// The matrix is the specification: every cell is checked against the service layer's
// can() and against what PostgreSQL's row-level security actually lets the principal do.
let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const myArea = 'area-a';
const theirArea = 'area-b';

function principalFor(role: Role, subjectId: string): Principal {
  if (role === 'customer') return customerPrincipal(subjectId);
  if (role === 'system') throw new Error('system is not tested through the matrix cells');
  return staffPrincipal({ id: randomUUID(), roles: [role], areas: [myArea], mfaPassed: true });
}

/** A data_subjects row standing in the given relation to the principal. */
function rowFor(relation: Relation, principalSubject: string): { id: string; business_area: string | null } {
  switch (relation) {
    case 'own':
      return { id: principalSubject, business_area: null };
    case 'other':
      return { id: randomUUID(), business_area: null };
    case 'shared':
      return { id: randomUUID(), business_area: null };
    case 'in_area':
      return { id: randomUUID(), business_area: myArea };
    case 'other_area':
      return { id: randomUUID(), business_area: theirArea };
    case 'any':
      throw new Error('no row stands in relation any');
  }
}

async function seed(row: { id: string; business_area: string | null }) {
  // As the owner (a superuser here), outside any principal: set-up is not under test.
  await database.db
    .insertInto('data_subjects')
    .values({ ...row, kind: 'person', record_type: 'test' })
    .execute();
}

async function attempt(principal: Principal, action: RecordAction, row: { id: string; business_area: string | null }): Promise<boolean> {
  return withPrincipal(database.db, principal, async (trx) => {
    switch (action) {
      case 'record.read':
        return (await trx.selectFrom('data_subjects').select('id').where('id', '=', row.id).execute()).length === 1;
      case 'record.create':
        await trx
          .insertInto('data_subjects')
          .values({ ...row, kind: 'person', record_type: 'test' })
          .execute();
        return true;
      case 'record.update': {
        const r = await trx.updateTable('data_subjects').set({ record_type: 'changed' }).where('id', '=', row.id).executeTakeFirst();
        return r.numUpdatedRows === 1n;
      }
      case 'record.delete': {
        const r = await trx.deleteFrom('data_subjects').where('id', '=', row.id).executeTakeFirst();
        return r.numDeletedRows === 1n;
      }
      default:
        throw new Error(`${action} is not a database command`);
    }
  }).catch((error: { code?: string }) => {
    if (error.code === '42501') return false; // new row violates row-level security policy
    throw error;
  });
}

const databaseActions: RecordAction[] = ['record.read', 'record.create', 'record.update', 'record.delete'];
const cells = ([...staffRoles, 'customer'] as const).flatMap((role) =>
  databaseActions.flatMap((action) =>
    (role === 'customer' ? customerRelations : staffRelations).map((relation) => ({
      role,
      action,
      relation,
      allowed: (matrix[role][action] ?? []).includes(relation),
    })),
  ),
);

describe('authorization matrix', () => {
  it.each(cells)('$role $action on a $relation record → allowed: $allowed', async ({ role, action, relation, allowed }) => {
    const subject = randomUUID();
    const principal = principalFor(role, subject);
    const row = rowFor(relation, subject);
    if (action !== 'record.create') await seed(row);
    expect(can(principal, action, { subjectId: row.id, businessArea: row.business_area })).toBe(allowed);
    expect(await attempt(principal, action, row)).toBe(allowed);
  });

  it('keeps the roles the issue fences off away from customer records', () => {
    for (const action of databaseActions) {
      expect(matrix.auditor[action]).toBeUndefined();
      expect(matrix.administrator[action]).toBeUndefined();
    }
    expect(matrix.contractor['record.read']).toEqual(['in_area']);
    expect(matrix.customer['record.read']).toEqual(['own']);
  });

  it('withholds sensitive-field grants until MFA has passed', () => {
    const before = staffPrincipal({ id: randomUUID(), roles: ['agent'], areas: [myArea], mfaPassed: false });
    const after = staffPrincipal({ id: before.id, roles: ['agent'], areas: [myArea], mfaPassed: true });
    const record = { subjectId: randomUUID(), businessArea: myArea };
    expect(can(before, 'record.read_sensitive', record)).toBe(false);
    expect(can(after, 'record.read_sensitive', record)).toBe(true);
    expect(can(before, 'record.read', record)).toBe(true);
  });
});
