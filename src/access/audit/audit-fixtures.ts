import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { withPrincipal, type CustomerPrincipal, type StaffPrincipal, type Tables } from '../../db/index.ts';
import { appendAudit } from './append-audit.ts';
import type { AuditEntry } from './audit-entry.ts';

// Principals and entries for this module's database tests.

export function testStaff(grants: readonly string[] = ['record.create:shared', 'record.read:shared']): StaffPrincipal {
  return { kind: 'staff', id: randomUUID(), roles: ['agent'], areas: [], grants };
}

export function testCustomer(subjectId = randomUUID()): CustomerPrincipal {
  return { kind: 'customer', id: `customer:${subjectId}`, subjectId, grants: ['record.read:own'] };
}

export function entryFor(actor: AuditEntry['actor'], overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date('2025-03-04T05:06:07.123Z'),
    actor,
    action: 'read',
    recordType: 'customer',
    recordId: randomUUID(),
    subjects: [randomUUID()],
    purpose: 'case.resolution',
    requestId: randomUUID(),
    clientAddr: '192.0.2.10',
    outcome: 'ok',
    detail: { fields: ['email', 'phone'], count: 2 },
    ...overrides,
  };
}

/** Appends `count` entries, each in its own committed transaction, as a staff member would. */
export async function appendEntries(db: Kysely<Tables>, count: number): Promise<void> {
  const staff = testStaff();
  for (let i = 0; i < count; i += 1) {
    await withPrincipal(db, staff, (trx) =>
      appendAudit(trx, entryFor(staff, { at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)), detail: { n: i } })),
    );
  }
}
