import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPrincipal, systemPrincipal } from '../src/access/index.ts';
import { keyedDigest } from '../src/crypto/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import {
  ChangeOfAddressNotFound,
  createChangeOfAddressService,
  InvalidChangeOfAddressField,
  type ChangeOfAddressService,
  type PortalChangeOfAddress,
} from '../src/modules/tracking/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// The change-of-address service's portal entry point, as a customer principal: the customer
// files for themselves only, from their own addresses of record, verified by the portal, and
// the fraud screen counts their device and network like any other request's.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let changes: ChangeOfAddressService;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'portal change of address test' };
const now = new Date('2026-11-25T17:00:00Z');
const phone = 'a1b2c3'.repeat(8);

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  changes = createChangeOfAddressService(keys.vault, customers, {
    digest: keyedDigest(keys.keyring, 'coa-screen/v1'),
    letterhead: { name: 'Consumer Advocate', address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'], fax: null },
  });
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);

/** A customer with a home address at `zip`, and the id of that address value. */
async function customerAt(name: string, zip: string): Promise<{ id: string; addressId: string }> {
  const created = await as(system, (trx) =>
    customers.create(trx, system, personInput({ name, address: { lines: '10 Elm St', city: 'Dayton', state: 'OH', zip } }), ctx, now),
  );
  const [address] = await as(customerPrincipal(created.id), (trx) =>
    changes.addressesOfRecord(trx, customerPrincipal(created.id), ctx, now),
  );
  return { id: created.id, addressId: address!.id };
}

const request = (oldAddressId: string, newZip: string, device: string | null = phone): PortalChangeOfAddress => ({
  moveType: 'individual',
  duration: 'permanent',
  effectiveDate: '2026-12-01',
  oldAddressId,
  newAddress: { lines: '5 Birch Rd', city: 'Columbus', state: 'OH', zip: newZip },
  origin: { ipAddress: '203.0.113.7', deviceFingerprint: device },
});
const fileAs = (customer: { id: string }, input: PortalChangeOfAddress) =>
  as(customerPrincipal(customer.id), (trx) => changes.requestFromPortal(trx, customerPrincipal(customer.id), input, ctx, now));

describe('requestFromPortal', () => {
  it('files for the signed-in customer under the name on their record, verified by the portal', async () => {
    const ivy = await customerAt('Ivy Lanthorne', '45402');
    const filed = await fileAs(ivy, request(ivy.addressId, '43215'));
    expect(filed).toMatchObject({
      customerId: ivy.id,
      name: 'Ivy Lanthorne',
      oldAddress: { deliveryLine: '10 ELM ST', zip5: '45402' },
      newAddress: { deliveryLine: '5 BIRCH RD', zip5: '43215' },
      verification: { method: 'portal_account', outcome: 'passed', verifiedBy: 'portal' },
      status: 'accepted',
      enteredBy: `customer:${ivy.id}`,
    });
  });

  it('screens the device: the fourth request from one device within the hour is held', async () => {
    const movers = await Promise.all(['45403', '45404', '45405', '45406'].map((zip, i) => customerAt(`Mover ${'ABCD'[i]} Quill`, zip)));
    const outcomes: string[] = [];
    for (const [i, mover] of movers.entries())
      outcomes.push((await fileAs(mover, request(mover.addressId, `4322${i}`, 'feed'.repeat(12)))).status);
    expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'in_review']);
    const held = await as(system, (trx) => changes.ofCustomer(trx, system, movers[3]!.id, 1, ctx, now));
    expect(held[0]!.screening.reasons.map((r) => r.rule)).toEqual(['device_velocity']);
  });

  it('refuses an old address that is not one of the customer’s', async () => {
    const jude = await customerAt('Jude Amberley', '45410');
    const kit = await customerAt('Kit Amberley', '45411');
    await expect(fileAs(jude, request(kit.addressId, '43230'))).rejects.toThrow(InvalidChangeOfAddressField);
    await expect(fileAs(jude, request(kit.addressId, '43230'))).rejects.toMatchObject({ field: 'oldAddressId' });
  });

  it('lets a customer file through the agents’ entry point for nobody but themselves', async () => {
    const lee = await customerAt('Lee Fenwick', '45420');
    const mo = await customerAt('Mo Fenwick', '45421');
    const leePrincipal = customerPrincipal(lee.id);
    const forMo = {
      moveType: 'individual' as const,
      duration: 'permanent' as const,
      name: 'Mo Fenwick',
      effectiveDate: '2026-12-01',
      oldAddress: { lines: '10 Elm St', city: 'Dayton', state: 'OH', zip: '45421' },
      newAddress: { lines: '5 Birch Rd', city: 'Columbus', state: 'OH', zip: '43240' },
      verification: { method: 'portal_account' as const, outcome: 'passed' as const },
    };
    await expect(as(leePrincipal, (trx) => changes.request(trx, leePrincipal, mo.id, forMo, ctx, now))).rejects.toThrow(
      ChangeOfAddressNotFound,
    );
  });

  it('answers a customer the screen’s counts about their own requests only', async () => {
    const nia = await customerAt('Nia Grove', '45430');
    const other = await customerAt('Oz Grove', '45431');
    const counts = (customerId: string) =>
      as(
        customerPrincipal(nia.id),
        async (trx) =>
          (
            await sql`SELECT * FROM caseline.coa_screening_counts(${customerId}::uuid, ${Buffer.alloc(32)}, ${Buffer.alloc(32)}, NULL, NULL,
            ${now}::timestamptz, interval '30 days', interval '1 hour')`.execute(trx)
          ).rows.length,
      );
    expect(await counts(nia.id)).toBe(1);
    expect(await counts(other.id)).toBe(0);
  });
});
