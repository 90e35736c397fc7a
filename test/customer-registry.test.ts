import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import {
  createCustomerFinder,
  createCustomerService,
  InvalidCustomerField,
  type Customer,
  type CustomerFinder,
  type CustomerService,
  type NewValue,
} from '../src/modules/customers/index.ts';
import { addressAt, personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let finder: CustomerFinder;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'registry test' };
const now = new Date('2026-11-25T10:00:00Z');

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  finder = createCustomerFinder(keys.vault);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const create = (input: Parameters<CustomerService['create']>[2], principal: Principal = system) =>
  as(principal, (trx) => customers.create(trx, principal, input, ctx, now));
const search = (query: Parameters<CustomerFinder['search']>[2], principal: Principal = system) =>
  as(principal, async (trx) => (await finder.search(trx, principal, query, ctx, now)).map((c) => c.id));
const lookup = (q: string) => as(system, async (trx) => (await finder.lookup(trx, system, q, ctx, now)).results.map((r) => r.customer.id));
const read = async (id: string, reveal: string[] = []): Promise<Customer> => {
  const result = await as(system, (trx) => customers.get(trx, system, id, { reveal }, ctx, now));
  if (!('customer' in result)) throw new Error(`not readable: ${JSON.stringify(result)}`);
  return result.customer;
};
const values = (c: Customer, field: string) => c.values.filter((v) => v.field === field);

describe('an organisation with its key contacts', () => {
  let org: Customer;
  let contact: Customer;

  beforeAll(async () => {
    contact = await create(personInput({ name: 'Perpetua Lindqvist', email: 'p.lindqvist@globex.example' }));
    await as(system, (trx) =>
      customers.addValues(
        trx,
        system,
        contact.id,
        [
          { field: 'title', value: 'Director of Mailing Operations' },
          { field: 'role', value: 'Mail owner' },
          { field: 'employment_status', value: 'employed' },
        ],
        'agent',
        ctx,
        now,
      ),
    );
    org = await create({
      kind: 'organisation',
      recordSource: 'list_provider',
      values: [
        { field: 'company_name', value: 'Globex Fulfilment Corporation', label: 'legal' },
        { field: 'company_type', value: 'corporation' },
        { field: 'url', value: 'https://globex.example/' },
        { field: 'duns_number', value: '15-048-3782' },
        { field: 'sic_naics', value: '4311', label: 'sic' },
        { field: 'sic_naics', value: '491110', label: 'naics' },
        { field: 'company_size', value: '250-999' },
        { field: 'years_in_business', value: '37' },
        { field: 'mailer_id', value: '902345' },
        { field: 'publisher_id', value: 'PUB-77812' },
        { field: 'business_customer_number', value: '1000223344' },
        { field: 'customer_number', value: 'GX-0091' },
        { field: 'account_number', value: 'ACCT 5521 9034' },
        { field: 'logon_id', value: 'globex.mailroom' },
        { field: 'mailing_address', value: addressAt('20260-0004', '475 Lenfant Plaza SW'), label: 'business' },
        {
          field: 'mailing_address',
          value: { lines: 'PO Box 1234', city: 'Springfield', state: 'Illinois', zip: '62701' },
          label: 'billing',
        },
        { field: 'phone', value: '(217) 555-0199', label: 'main' },
        { field: 'fax', value: '217.555.0198', label: 'main' },
        { field: 'drop_ship_site', value: 'Chicago NDC' },
        { field: 'media_preference', value: 'email' },
        { field: 'preferred_contact', value: 'phone' },
      ],
      contacts: [{ customerId: contact.id, relationship: 'primary' }],
    });
  });

  it('holds several typed values per field, each with its source and time, and its key contacts', async () => {
    const read_ = await read(org.id);
    expect(read_.name).toBe('Globex Fulfilment Corporation');
    expect(values(read_, 'mailing_address').map((v) => [v.label, v.primary])).toEqual([
      ['business', true],
      ['billing', false],
    ]);
    expect(values(read_, 'mailing_address')[1]!.value).toMatchObject({ deliveryLine: 'PO BOX 1234', lastLine: 'SPRINGFIELD IL 62701' });
    expect(values(read_, 'duns_number')[0]!.value).toBe('150483782');
    expect(values(read_, 'sic_naics').map((v) => [v.label, v.value])).toEqual([
      ['sic', '4311'],
      ['naics', '491110'],
    ]);
    expect(read_.values.every((v) => v.recordSource === 'list_provider' && v.recordedAt.getTime() === now.getTime())).toBe(true);
    expect(read_.contacts).toEqual([
      expect.objectContaining({ customerId: contact.id, name: 'Perpetua Lindqvist', relationship: 'primary' }),
    ]);
    const person = await read(contact.id);
    expect(person.contacts).toEqual([expect.objectContaining({ customerId: org.id, name: 'Globex Fulfilment Corporation' })]);
    expect(values(person, 'title')[0]).toMatchObject({ value: 'Director of Mailing Operations', recordSource: 'agent' });
  });

  it('masks the account number to its last four, as the catalog says, until revealed', async () => {
    expect(values(await read(org.id), 'account_number')[0]).toMatchObject({ value: '••••9034', masked: true });
    expect(values(await read(org.id, ['account_number']), 'account_number')[0]).toMatchObject({ value: 'ACCT55219034', masked: false });
  });

  it('is found by every identifier of the notices, each in its own index', async () => {
    expect(await search({ dunsNumber: '150483782' })).toEqual([org.id]);
    expect(await search({ mailerId: '902345' })).toEqual([org.id]);
    expect(await search({ publisherId: 'pub77812' })).toEqual([org.id]);
    expect(await search({ businessCustomerNumber: '1000223344' })).toEqual([org.id]);
    expect(await search({ customerNumber: 'gx 0091' })).toEqual([org.id]);
    expect(await search({ accountNumber: 'ACCT-5521-9034' })).toEqual([org.id]);
    expect(await search({ logonId: 'GLOBEX.MAILROOM' })).toEqual([org.id]);
    expect(await search({ sicNaics: '4311' })).toEqual([org.id]);
    // A mailer ID's digits are not a business customer number: the kinds never cross.
    expect(await search({ businessCustomerNumber: '902345' })).toEqual([]);
    expect(await search({ address: { lines: 'P.O. Box 1234', city: 'springfield', state: 'IL', zip: '62701-0000' } })).toEqual([org.id]);
    expect(await search({ phone: '+1 217 555 0198' })).toEqual([org.id]);
  });

  it('is found by the find-customer box by company name, misspelled, by SIC code, by any identifier and by 11-digit ZIP', async () => {
    expect(await lookup('Globex Fulfillment Corp')).toContain(org.id);
    expect(await lookup('SIC 4311')).toEqual([org.id]);
    expect(await lookup('NAICS 491110')).toEqual([org.id]);
    expect(await lookup('ACCT55219034')).toEqual([org.id]);
    expect(await lookup('GX-0091')).toEqual([org.id]);
    expect(await lookup('20260-0004-75')).toContain(org.id);
    expect(await lookup(org.id)).toEqual([org.id]);
  });

  it('refuses values that do not apply to the kind, or are malformed, naming the value and storing nothing', async () => {
    const attempt = (values: NewValue[]) =>
      create({ kind: 'person', recordSource: 'agent', values: [{ field: 'customer_name', value: 'Nobody Atall' }, ...values] }).then(
        () => 'created',
        (error: unknown) =>
          error instanceof InvalidCustomerField ? `${error.field}: ${error.message.slice(error.field.length + 2)}` : String(error),
      );
    expect(await attempt([{ field: 'duns_number', value: '150483782' }])).toBe(
      'values/1/field: does not apply to a customer of kind person',
    );
    expect(await attempt([{ field: 'mailer_id', value: '12345' }])).toBe('values/1/value: must be 6 or 9 digits');
    expect(await attempt([{ field: 'email', value: 'nobody@', label: 'work' }])).toMatch(/^values\/1\/value: /);
    expect(await attempt([{ field: 'phone', value: '202-555-0101', label: 'desk' }])).toMatch(/^values\/1\/label: must be one of mobile/);
    expect(await attempt([{ field: 'mailing_address', value: addressAt('20260', '') }])).toMatch(/^values\/1\/value\/lines: /);
    expect(
      await attempt([
        { field: 'ssn_last4', value: '1234' },
        { field: 'ssn_last4', value: '5678' },
      ]),
    ).toBe('values/2/field: a customer has only one');
    expect(await attempt([{ field: 'preferred_contact', value: 'pigeon' }])).toMatch(/^values\/1\/value: must be one of email, phone/);
    expect(await search({ name: 'Nobody Atall' })).toEqual([]);
  });
});

describe('changing a customer', () => {
  it('replaces a single-valued field, keeps the old value out of lookups, and writes the contact history', async () => {
    const c = await create(
      personInput({ name: 'Octavia Wren', phone: '(312) 555-0142', ssnLast4: '1111', address: addressAt('60601', '233 S Wacker Dr') }),
    );
    const [added] = await as(system, (trx) =>
      customers.addValues(
        trx,
        system,
        c.id,
        [
          { field: 'ssn_last4', value: '2222' },
          { field: 'phone', value: '312 555 0143', label: 'work', primary: true },
        ],
        'customer',
        ctx,
        now,
      ),
    );
    expect(added).toMatchObject({ field: 'ssn_last4', value: '••••', recordSource: 'customer' });
    expect(await search({ name: 'Octavia Wren', ssnLast4: '1111' })).toEqual([]);
    expect(await search({ name: 'Octavia Wren', ssnLast4: '2222' })).toEqual([c.id]);
    const after = await read(c.id, ['ssn_last4']);
    expect(values(after, 'ssn_last4').map((v) => v.value)).toEqual(['2222']);
    expect(values(after, 'phone').map((v) => [v.value, v.primary])).toEqual([
      ['+13125550143', true],
      ['+13125550142', false],
    ]);
    const oldPhone = values(after, 'phone')[1]!;
    await as(system, (trx) => customers.removeValue(trx, system, c.id, oldPhone.id, ctx, now));
    expect(await search({ phone: '3125550142' })).toEqual([]);
    expect(await search({ phone: '3125550143' })).toEqual([c.id]);
    const history = await as(system, (trx) => customers.history(trx, system, c.id, ctx, now));
    expect(history.map((h) => h.kind).sort()).toEqual(['created', 'value_removed', 'values_added']);
    // The timeline names fields, never values.
    expect(JSON.stringify(history.map((h) => h.summary))).not.toMatch(/555|1111|2222|Octavia/);
  });

  it('keeps at least one name', async () => {
    const c = await create(personInput({ name: 'Solitary Name' }));
    const [name] = values(await read(c.id), 'customer_name');
    await expect(as(system, (trx) => customers.removeValue(trx, system, c.id, name!.id, ctx, now))).rejects.toThrow(/at least one name/);
  });
});

describe('duplicates', () => {
  it('are found at the same mailing address even when the names do not sound alike', async () => {
    const home = { lines: '1428 Elm Street Apt 2', city: 'Springwood', state: 'OH', zip: '43210' };
    const a = await create(personInput({ name: 'Katherine Mayhew', email: 'kate.mayhew@example.org', address: home }));
    const b = await create(
      personInput({ name: 'Kathy Mayhew', email: 'kmayhew@example.net', address: { ...home, lines: '1428 Elm St., Apartment 2' } }),
    );
    const found = await as(system, (trx) => finder.duplicatesOf(trx, system, b.id, ctx, now));
    expect(found.map((d) => d.id)).toEqual([a.id]);
    expect(found[0]!.reasons).toContain('addressLine');
  });
});

describe('retrieval keys typed any way', () => {
  // Each run registers a fresh customer and finds it by a differently typed spelling of its keys.
  it('finds the same customer by every representation of its phone and e-mail', async () => {
    const formats = [
      (d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
      (d: string) => `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
      (d: string) => `1-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => d,
      (d: string) => `+1${d}`,
    ];
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('202', '312', '415', '617', '713'),
        fc.integer({ min: 200, max: 999 }),
        fc.integer({ min: 1000, max: 9999 }),
        fc.nat(formats.length - 1),
        fc.nat(formats.length - 1),
        fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/),
        fc.constantFrom('example.org', 'Example.COM', 'mail.example.net'),
        fc.boolean(),
        async (area, exchange, line, stored, typed, local, domain, upper) => {
          const digits = `${area}${exchange}${line}`;
          const email = `${local}.${serial++}@${domain}`;
          const c = await create(personInput({ name: 'Property Person', phone: formats[stored]!(digits), email }));
          expect(await search({ phone: formats[typed]!(digits) })).toContain(c.id);
          const typedEmail = upper ? email.toUpperCase() : ` ${email} `;
          expect(await search({ email: typedEmail })).toEqual([c.id]);
          expect(await lookup(formats[typed]!(digits))).toContain(c.id);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('need to know', () => {
  it('hides a business area’s customers, values and history from staff of another area', async () => {
    const inArea = staffPrincipal({ id: crypto.randomUUID(), roles: ['agent'], areas: ['patents'], mfaPassed: true });
    const outside = staffPrincipal({ id: crypto.randomUUID(), roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
    const c = await create(personInput({ name: 'Patience Inventor', email: 'patience@example.org', businessArea: 'patents' }), inArea);
    expect(await search({ email: 'patience@example.org' }, inArea)).toEqual([c.id]);
    expect(await search({ email: 'patience@example.org' }, outside)).toEqual([]);
    const refused = await as(outside, (trx) => customers.get(trx, outside, c.id, { reveal: [] }, ctx, now));
    expect(refused).toEqual({ refused: 'not_found' });
    await expect(as(outside, (trx) => customers.history(trx, outside, c.id, ctx, now))).rejects.toThrow(/no such customer/);
    const rows = await as(outside, (trx) => trx.selectFrom('customer_values').select('id').where('subject_id', '=', c.id).execute());
    expect(rows).toEqual([]);
  });
});
