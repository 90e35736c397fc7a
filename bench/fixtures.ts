import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { staffPrincipal, type AuditContext } from '../src/access/index.ts';
import type { StaffPrincipal } from '../src/db/index.ts';
import { createVault, openKeyring, type LocalKeyring, type Vault } from '../src/crypto/index.ts';
import {
  createCustomerFinder,
  createCustomerService,
  type CustomerFinder,
  type CustomerService,
  type NewCustomer,
} from '../src/modules/customers/index.ts';
import type { BenchDatabase } from './engines.ts';
import type { PlainRow } from './plain-table.ts';

/** Everything the phases of one engine share: its database, one keyring, one agent. */
export interface BenchContext {
  readonly bench: BenchDatabase;
  /** Holds the key file and the audit signing key, as CASELINE_DATA would. */
  readonly dataDir: string;
  readonly keyring: LocalKeyring;
  readonly vault: Vault;
  readonly customers: CustomerService;
  readonly finder: CustomerFinder;
  /** An agent of no business area: it may create and read the enterprise-wide registry. */
  readonly agent: StaffPrincipal;
  readonly audit: AuditContext;
  /** The next fictitious person, different from every earlier one by e-mail address. */
  nextPerson(): Person;
  close(): Promise<void>;
}

export interface Person {
  readonly input: NewCustomer;
  /** The address the person is looked up by. */
  readonly email: string;
  /** The same values as a plaintext row of the baseline table. */
  plain(id: string): PlainRow;
}

const firstNames = [
  'Ada',
  'Bertha',
  'Carlos',
  'Dmitri',
  'Esther',
  'Farid',
  'Grace',
  'Hiroshi',
  'Ines',
  'Jamal',
  'Kwame',
  'Leila',
  'Marta',
  'Nikhil',
  'Olga',
  'Pedro',
];
const lastNames = [
  'Okafor',
  'Lindqvist',
  'Nakamura',
  'Delgado',
  'Kowalski',
  'Haddad',
  'Fitzgerald',
  'Nguyen',
  'Moreau',
  'Abernathy',
  'Castellanos',
  'Ivanova',
  'Mensah',
  'Papadopoulos',
];

function fictitiousPerson(n: number): Person {
  const first = firstNames[n % firstNames.length]!;
  const last = lastNames[Math.floor(n / firstNames.length) % lastNames.length]!;
  const name = `${first} ${last}`;
  const email = `${first}.${last}.${n}@example.org`.toLowerCase();
  // 202 area code with a real exchange (2xx–8xx): the phone index refuses numbers that cannot exist.
  const phone = `(202) ${200 + (n % 700)}-${String((n * 7919) % 10_000).padStart(4, '0')}`;
  const zip = String(20_001 + (n % 600));
  const ssnLast4 = String(1 + (n % 9999)).padStart(4, '0');
  // The five values of the registry's summary and identity check, each its own encrypted customer_values row.
  const input: NewCustomer = {
    kind: 'person',
    businessArea: null,
    recordSource: 'agent',
    values: [
      { field: 'customer_name', value: name },
      { field: 'email', value: email },
      { field: 'phone', value: phone },
      {
        field: 'mailing_address',
        value: { lines: `${100 + (n % 9000)} PENNSYLVANIA AVE NW`, city: 'WASHINGTON', state: 'DC', zip },
        label: 'home',
      },
      { field: 'ssn_last4', value: ssnLast4 },
    ],
  };
  return {
    input,
    email,
    plain: (id) => ({
      id,
      businessArea: null,
      kind: 'person',
      name,
      email,
      phone,
      zip,
      ssnLast4,
      recordSource: 'agent',
      createdAt: new Date(),
    }),
  };
}

export async function benchContext(bench: BenchDatabase): Promise<BenchContext> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-bench-data-'));
  const keyring = await openKeyring({ dataDir, masterKey: null });
  const vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
  let people = 0;
  return {
    bench,
    dataDir,
    keyring,
    vault,
    customers: createCustomerService(vault),
    finder: createCustomerFinder(vault),
    agent: staffPrincipal({ id: randomUUID(), roles: ['agent'], areas: [], mfaPassed: true }),
    audit: { requestId: null, clientAddr: '127.0.0.1', purpose: 'benchmark (fictitious customers)' },
    nextPerson: () => fictitiousPerson(people++),
    close: () => fs.rm(dataDir, { recursive: true, force: true }),
  };
}
