import { randomUUID } from 'node:crypto';
import { appendAudit, authorize, can, type AuditContext } from '../../access/index.ts';
import { InvalidIndexValueError, normaliseName, type IndexKind, type Vault } from '../../crypto/index.ts';
import { isLikelyDuplicate, jaroWinkler, scoreDuplicate, type CandidateRecord } from './duplicates/index.ts';
import { classifyQuery, describeInterpretation, SSN_LAST4_ALONE_REFUSAL, type QueryInterpretation } from './lookup/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { encryptedFields, mask, type Customer, type EncryptedField, type NewCustomer } from './customer.ts';
import { insertCustomer, insertCustomerSubject, selectCustomer, selectCustomers, type CustomerRow } from './customer-repository.ts';

export class CustomerNotFound extends Error {}

/** A value that cannot be what its field says; `field` names it, the message never repeats the value. */
export class InvalidCustomerField extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
  }
}

/** A search that would single people out by a key too weak to be theirs alone. */
export class WeakLookup extends Error {}

export interface CustomerSearch {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly zip?: string;
  readonly ssnLast4?: string;
}

const searchKinds: Record<keyof CustomerSearch, IndexKind> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  zip: 'zip',
  ssnLast4: 'ssn_last4',
};

function location(id: string, field: EncryptedField) {
  return { table: 'customers', column: encryptedFields[field].column, rowId: id };
}

export interface CustomerService {
  create(trx: Tx, principal: Principal, input: NewCustomer, ctx: AuditContext, now: Date): Promise<Customer>;
  get(trx: Tx, principal: Principal, id: string, options: { reveal: boolean }, ctx: AuditContext, now: Date): Promise<CustomerRead>;
  search(trx: Tx, principal: Principal, query: CustomerSearch, ctx: AuditContext, now: Date): Promise<Customer[]>;
  /**
   * Customers that are probably the same person as this one (same normalised e-mail or phone,
   * or a similar name at the same ZIP), most likely first. Shows their names: audited as a search.
   */
  duplicatesOf(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PossibleDuplicate[]>;
  /** The find-customer box: recognises what was typed and finds the customers it can mean, best first. */
  lookup(trx: Tx, principal: Principal, text: string, ctx: AuditContext, now: Date): Promise<LookupResult>;
}

/** A read answers either the customer or why not; a refusal is audited, so it is not thrown (that would roll its entry back). */
export type CustomerRead = { readonly customer: Customer } | { readonly refused: 'not_found' | 'forbidden' };

export interface PossibleDuplicate {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  /** The fields that agreed, strongest first: names of fields, never their values. */
  readonly reasons: readonly string[];
}

export interface LookupResult {
  readonly interpretations: readonly { readonly kind: string; readonly description: string }[];
  readonly results: readonly { readonly customer: Customer; readonly matchedBy: string }[];
}

export function createCustomerService(vault: Vault): CustomerService {
  async function decrypt(trx: Tx, row: CustomerRow, field: EncryptedField): Promise<string | null> {
    const ciphertext = row[encryptedFields[field].column];
    return ciphertext === null
      ? null
      : (await vault.decryptFor(trx, row.subject_id, location(row.subject_id, field), ciphertext)).toString('utf8');
  }

  async function toCustomer(trx: Tx, row: CustomerRow, reveal: boolean): Promise<Customer> {
    const ssn = row.ssn_last4_ct === null ? null : reveal ? await decrypt(trx, row, 'ssnLast4') : mask;
    return {
      id: row.subject_id,
      kind: row.kind,
      name: (await decrypt(trx, row, 'name'))!,
      email: await decrypt(trx, row, 'email'),
      phone: await decrypt(trx, row, 'phone'),
      zip: await decrypt(trx, row, 'zip'),
      ssnLast4: ssn,
      ssnLast4Revealed: reveal && ssn !== null,
      businessArea: row.business_area,
      recordSource: row.record_source,
      createdAt: row.created_at,
    };
  }

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'reveal' | 'search',
    recordId: string | null,
    subjects: string[],
    detail: Record<string, string | number | boolean> = {},
    outcome: 'ok' | 'denied' = 'ok',
  ) {
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action,
      recordType: 'usps-880/customer',
      recordId,
      subjects,
      ...ctx,
      outcome,
      detail,
    });
  }

  /** The customers carrying every given key: the intersection of one blind-index query per key. */
  async function matchIds(trx: Tx, query: CustomerSearch, keys: readonly (keyof CustomerSearch)[]): Promise<ReadonlySet<string>> {
    let ids: ReadonlySet<string> | undefined;
    for (const key of keys) {
      let matches;
      try {
        matches = await vault.findByIndex(trx, searchKinds[key], query[key]!);
      } catch (error) {
        if (error instanceof InvalidIndexValueError) throw new InvalidCustomerField(key, error.reason);
        throw error;
      }
      const found = new Set(matches.filter((m) => m.recordTable === 'customers').map((m) => m.recordId));
      const previous: ReadonlySet<string> | undefined = ids;
      ids = previous === undefined ? found : new Set([...previous].filter((id) => found.has(id)));
    }
    return ids ?? new Set();
  }

  return {
    async create(trx, principal, input, ctx, now) {
      const id = randomUUID();
      const businessArea = input.businessArea ?? null;
      authorize(principal, 'record.create', { subjectId: id, businessArea });
      await insertCustomerSubject(trx, id, input.kind, businessArea, now);
      await vault.createSubjectKey(trx, id, businessArea);
      const values: Partial<Record<EncryptedField, string>> = {};
      for (const field of Object.keys(encryptedFields) as EncryptedField[]) {
        const value = input[field]?.trim();
        if (value) values[field] = value;
      }
      const entries = Object.entries(values) as [EncryptedField, string][];
      // First, as it normalises every value: a bad one fails the create before anything is encrypted.
      await vault
        .indexValues(
          trx,
          entries.map(([field, value]) => ({
            kind: encryptedFields[field].index,
            value,
            subjectId: id,
            businessArea,
            recordTable: 'customers',
            recordId: id,
          })),
        )
        .catch((error: unknown) => {
          if (!(error instanceof InvalidIndexValueError)) throw error;
          const field = entries.find(([f]) => encryptedFields[f].index === error.kind)![0];
          throw new InvalidCustomerField(field, error.reason);
        });
      const encrypted: Partial<Record<EncryptedField, Buffer>> = {};
      for (const [field, value] of entries) encrypted[field] = await vault.encryptFor(trx, id, location(id, field), value);
      await insertCustomer(trx, {
        subject_id: id,
        business_area: businessArea,
        kind: input.kind,
        name_ct: encrypted.name!,
        email_ct: encrypted.email ?? null,
        phone_ct: encrypted.phone ?? null,
        zip_ct: encrypted.zip ?? null,
        ssn_last4_ct: encrypted.ssnLast4 ?? null,
        record_source: input.recordSource,
        created_at: now,
        updated_at: now,
      });
      await audit(trx, principal, ctx, now, 'create', id, [id], {
        fields: entries
          .map(([f]) => f)
          .sort()
          .join(','),
      });
      return {
        id,
        kind: input.kind,
        name: values.name!,
        email: values.email ?? null,
        phone: values.phone ?? null,
        zip: values.zip ?? null,
        ssnLast4: values.ssnLast4 === undefined ? null : mask,
        ssnLast4Revealed: false,
        businessArea,
        recordSource: input.recordSource,
        createdAt: now,
      };
    },

    async get(trx, principal, id, options, ctx, now) {
      const row = await selectCustomer(trx, id);
      const scope = row ? { subjectId: row.subject_id, businessArea: row.business_area } : null;
      // A refusal is answered, not thrown, so that its audit entry commits: probing is worth a record too.
      // Row-level security hides rows this principal may not read; a hidden row and a missing one look alike.
      if (!row || !scope || !can(principal, 'record.read', scope)) {
        await audit(trx, principal, ctx, now, 'read', id, [], {}, 'denied');
        return { refused: 'not_found' };
      }
      if (options.reveal && !can(principal, 'record.read_sensitive', scope)) {
        await audit(trx, principal, ctx, now, 'reveal', id, [], { field: 'ssn_last4' }, 'denied');
        return { refused: 'forbidden' };
      }
      const customer = await toCustomer(trx, row, options.reveal);
      await audit(trx, principal, ctx, now, 'read', id, [id]);
      if (customer.ssnLast4Revealed) await audit(trx, principal, ctx, now, 'reveal', id, [id], { field: 'ssn_last4' });
      return { customer };
    },

    async search(trx, principal, query, ctx, now) {
      const given = (Object.keys(searchKinds) as (keyof CustomerSearch)[]).filter((k) => query[k]?.trim());
      if (given.length === 0) throw new WeakLookup('give at least one of name, email, phone, zip, ssnLast4');
      // 10,000 people share any four digits: with a name or ZIP they narrow a caller down, alone they list strangers.
      if (given.length === 1 && given[0] === 'ssnLast4') throw new WeakLookup('ssnLast4 retrieves no one alone: add name or zip');
      const ids = await matchIds(trx, query, given);
      const rows = (await selectCustomers(trx, [...ids])).filter((row) =>
        can(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area }),
      );
      const customers = await Promise.all(rows.map((row) => toCustomer(trx, row, false)));
      await audit(
        trx,
        principal,
        ctx,
        now,
        'search',
        null,
        customers.map((c) => c.id),
        { keys: given.sort().join(','), matches: customers.length },
      );
      return customers;
    },

    async duplicatesOf(trx, principal, id, ctx, now) {
      const row = await selectCustomer(trx, id);
      if (!row) throw new CustomerNotFound('no such customer');
      authorize(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area });
      const customer = await toCustomer(trx, row, false);
      // Blocking through the blind indexes: only customers sharing an exact key, or a phonetic name within the ZIP.
      const blocks: CustomerSearch[] = [
        ...(customer.email ? [{ email: customer.email }] : []),
        ...(customer.phone ? [{ phone: customer.phone }] : []),
        customer.zip ? { name: customer.name, zip: customer.zip.slice(0, 5) } : { name: customer.name },
      ];
      const candidateIds = new Set<string>();
      for (const block of blocks) {
        for (const candidate of await matchIds(trx, block, Object.keys(block) as (keyof CustomerSearch)[])) {
          if (candidate !== id && candidateIds.size < duplicateCandidateLimit) candidateIds.add(candidate);
        }
      }
      const rows = (await selectCustomers(trx, [...candidateIds])).filter((r) =>
        can(principal, 'record.read', { subjectId: r.subject_id, businessArea: r.business_area }),
      );
      const self = candidateRecord(customer);
      const duplicates = (await Promise.all(rows.map((r) => toCustomer(trx, r, false))))
        .map((other) => ({ other, result: scoreDuplicate(self, candidateRecord(other)) }))
        .filter(({ result }) => isLikelyDuplicate(result.score))
        .sort((a, b) => b.result.score - a.result.score)
        .map(({ other, result }) => ({ id: other.id, name: other.name, score: result.score, reasons: [...result.reasons] }));
      await audit(trx, principal, ctx, now, 'search', id, [id, ...duplicates.map((d) => d.id)], {
        duplicate_check: true,
        candidates: rows.length,
        matches: duplicates.length,
      });
      return duplicates;
    },

    async lookup(trx, principal, text, ctx, now) {
      const interpretations = classifyQuery(text);
      const usable = interpretations.filter((i) => !('alone' in i && i.alone));
      if (usable.length === 0) {
        throw new WeakLookup(
          interpretations.length > 0
            ? SSN_LAST4_ALONE_REFUSAL
            : 'nothing a customer can be found by: type a name, e-mail, phone, ZIP or customer id',
        );
      }
      // Best first: interpretations in the classifier's order of likelihood, names by closeness within theirs.
      const matchedBy = new Map<string, { rank: number; label: string }>();
      for (const [rank, interpretation] of usable.entries()) {
        const query = searchFor(interpretation);
        const ids = query ? await matchIds(trx, query, Object.keys(query) as (keyof CustomerSearch)[]) : idsFor(interpretation);
        for (const id of ids) if (!matchedBy.has(id)) matchedBy.set(id, { rank, label: describeInterpretation(interpretation) });
        if (matchedBy.size >= lookupLimit) break;
      }
      // Four digits that found nothing else were meant as an SSN: say why they retrieve no one.
      if (matchedBy.size === 0 && usable.length < interpretations.length) throw new WeakLookup(SSN_LAST4_ALONE_REFUSAL);
      const rows = (await selectCustomers(trx, [...matchedBy.keys()].slice(0, lookupLimit))).filter((row) =>
        can(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area }),
      );
      const typedName = comparableName(text.replace(/[0-9]/g, ' '));
      const results = (await Promise.all(rows.map((row) => toCustomer(trx, row, false))))
        .map((customer) => ({ customer, ...matchedBy.get(customer.id)!, closeness: jaroWinkler(comparableName(customer.name), typedName) }))
        .sort((a, b) => a.rank - b.rank || b.closeness - a.closeness)
        .map(({ customer, label }) => ({ customer, matchedBy: label }));
      await audit(
        trx,
        principal,
        ctx,
        now,
        'search',
        null,
        results.map((r) => r.customer.id),
        { lookup: true, kinds: usable.map((i) => i.kind).join(','), matches: results.length },
      );
      return { interpretations: usable.map((i) => ({ kind: i.kind, description: describeInterpretation(i) })), results };
    },
  };
}

const lookupLimit = 50;
// A name block in a large registry can be big; scoring more than this per check buys little.
const duplicateCandidateLimit = 200;

function candidateRecord(customer: Customer): CandidateRecord {
  return {
    fullName: customer.name,
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(customer.zip ? { zip: customer.zip } : {}),
  };
}

/** For ranking only: text with no letters (a ZIP, a phone) compares as empty and ranks nothing. */
function comparableName(text: string): string {
  try {
    return normaliseName(text);
  } catch {
    return '';
  }
}

/** The keys this registry can be searched by for an interpretation; null for kinds it holds no index of. */
function searchFor(interpretation: QueryInterpretation): CustomerSearch | null {
  if (interpretation.kind === 'compound') {
    const [name, other] = interpretation.parts;
    return other!.kind === 'ssn_last4'
      ? { name: name!.normalised, ssnLast4: other!.normalised }
      : { name: name!.normalised, zip: other!.normalised.slice(0, 9) };
  }
  switch (interpretation.kind) {
    case 'email':
      return { email: interpretation.normalised };
    case 'phone':
      return { phone: interpretation.normalised };
    case 'zip':
    case 'zip4':
    case 'zip11':
      return { zip: interpretation.normalised.slice(0, interpretation.kind === 'zip' ? 5 : 9) };
    case 'name':
      return { name: interpretation.normalised };
    default:
      return null;
  }
}

/** Identifiers found without a blind index: a customer id is the record's own id. */
function idsFor(interpretation: QueryInterpretation): readonly string[] {
  return interpretation.kind === 'customer_id' ? [interpretation.normalised] : [];
}
