import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { staffPrincipal, type AuditContext } from '../src/access/index.ts';
import { createVault, namePhoneticCodes, normaliseName } from '../src/crypto/index.ts';
import { withPrincipal, type StaffPrincipal } from '../src/db/index.ts';
import { createCustomerFinder, type CustomerSearch } from '../src/modules/customers/index.ts';
import type { CustomerStore } from './customer-store.ts';
import type { SyntheticCustomer } from './synthetic-customers.ts';

/** A retrieval key the lookup benchmark measures, and the target for its p99. */
export interface KeyKind {
  readonly key: string;
  /** What the agent gives, and which finder call answers it. */
  readonly query: string;
  readonly targetP99Ms: number;
  /** Which customers have this key; all when absent. */
  readonly accepts?: (c: SyntheticCustomer) => boolean;
  /** Looks customer `c` up by this key; the number of customers found. Throws when `c` should be among them and is not. */
  readonly run: (c: SyntheticCustomer) => Promise<number>;
}

const exactTargetMs = 10;
const nameTargetMs = 50;

/**
 * The same name spelled with one vowel changed where Double Metaphone ignores vowels (after
 * a part's first letter), so its phonetic codes, and so its blind-index terms, are the
 * same: the misspelling a caller's name gets on a bad line.
 */
export function misspell(name: string): string {
  const codes = (text: string) =>
    normaliseName(text)
      .split(' ')
      .map((part) => namePhoneticCodes(part).join('/'))
      .join(' ');
  const wanted = codes(name);
  for (let at = name.length - 1; at > 0; at--) {
    if (!'aeiou'.includes(name[at]!) || name[at - 1] === ' ') continue;
    for (const vowel of 'aeiou') {
      const changed = name.slice(0, at) + vowel + name.slice(at + 1);
      if (vowel !== name[at] && codes(changed) === wanted) return changed;
    }
  }
  throw new Error(`no one-letter misspelling of ${name} keeps its phonetic codes`);
}

/** How an agent types a phone number: national format, for the finder to normalise. */
function asTyped(e164: string): string {
  const digits = e164.slice(2);
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

function expectAmong(found: readonly { id: string }[], c: SyntheticCustomer, key: string): number {
  if (!found.some((customer) => customer.id === c.id)) throw new Error(`looking up customer ${c.id} by ${key} did not find it`);
  return found.length;
}

export interface Lookups {
  readonly kinds: readonly KeyKind[];
  /** The baseline: one SELECT by primary key on customers, as the connecting user, outside any principal. */
  primaryKey(c: SyntheticCustomer): Promise<void>;
}

/**
 * Every lookup as the HTTP routes run it: one withPrincipal transaction as an agent of no
 * business area, the real finder (blind index, value owners, row-level security,
 * decryption of the summaries) and its audit entry.
 */
export function keyLookups(store: CustomerStore): Lookups {
  const { db } = store.database;
  const vault = createVault({ keys: store.keyring, blindIndex: store.keyring.blindIndex });
  const finder = createCustomerFinder(vault);
  const agent: StaffPrincipal = staffPrincipal({ id: randomUUID(), roles: ['agent'], areas: [], mfaPassed: true });
  const audit: AuditContext = { requestId: null, clientAddr: '127.0.0.1', purpose: 'benchmark (synthetic customers)' };
  const search = (query: CustomerSearch) => withPrincipal(db, agent, (trx) => finder.search(trx, agent, query, audit, new Date()));
  const name = (c: SyntheticCustomer) => `${c.given} ${c.surname}`;

  // Names and ZIPs are shared keys: the finder returns at most 50 customers, by id, so c may be cut off.
  const kinds: KeyKind[] = [
    {
      key: 'e-mail',
      query: 'search { email }',
      targetP99Ms: exactTargetMs,
      run: async (c) => expectAmong(await search({ email: c.email }), c, 'e-mail'),
    },
    {
      key: 'phone',
      query: 'search { phone } (national format)',
      targetP99Ms: exactTargetMs,
      run: async (c) => expectAmong(await search({ phone: asTyped(c.phone) }), c, 'phone'),
    },
    {
      key: 'ZIP (5-digit)',
      query: 'search { zip }',
      targetP99Ms: exactTargetMs,
      run: async (c) => (await search({ zip: c.address.zip })).length,
    },
    {
      key: 'mailing address',
      query: 'search { address }',
      targetP99Ms: exactTargetMs,
      run: async (c) => expectAmong(await search({ address: c.address }), c, 'address'),
    },
    {
      key: 'account number',
      query: 'search { accountNumber }',
      targetP99Ms: exactTargetMs,
      run: async (c) => expectAmong(await search({ accountNumber: c.accountNumber }), c, 'account number'),
    },
    {
      key: 'customer id (UUID)',
      query: 'lookup "<uuid>"',
      targetP99Ms: exactTargetMs,
      run: async (c) => {
        const found = await withPrincipal(db, agent, (trx) => finder.lookup(trx, agent, c.id, audit, new Date()));
        return expectAmong(
          found.results.map((r) => r.customer),
          c,
          'customer id',
        );
      },
    },
    {
      key: 'name (exact spelling)',
      query: 'search { name }',
      targetP99Ms: nameTargetMs,
      run: async (c) => (await search({ name: name(c) })).length,
    },
    {
      key: 'name (one vowel misspelt)',
      query: 'search { name }',
      targetP99Ms: nameTargetMs,
      run: async (c) => (await search({ name: misspell(name(c)) })).length,
    },
    {
      key: 'name + ZIP',
      query: 'search { name, zip }',
      targetP99Ms: nameTargetMs,
      run: async (c) => expectAmong(await search({ name: name(c), zip: c.address.zip }), c, 'name and ZIP'),
    },
    {
      key: 'SSN last 4 + name',
      query: 'search { ssnLast4, name }',
      targetP99Ms: nameTargetMs,
      // Three customers in ten gave no SSN: only the others can be looked up by one.
      accepts: (c) => c.ssnLast4 !== null,
      run: async (c) => expectAmong(await search({ ssnLast4: c.ssnLast4!, name: name(c) }), c, 'SSN last 4 and name'),
    },
  ];

  return {
    kinds,
    async primaryKey(c) {
      const result = await sql`SELECT * FROM customers WHERE subject_id = ${c.id}`.execute(db);
      if (result.rows.length !== 1) throw new Error(`customer ${c.id} is not in the store`);
    },
  };
}
