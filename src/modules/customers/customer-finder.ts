import { can, authorize, type AuditContext } from '../../access/index.ts';
import { identifierKinds, InvalidIndexValueError, normaliseName, type IndexKind, type Vault } from '../../crypto/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { addressKey, customerFields, FieldValueError, type NormalisedAddress } from './customer-fields.ts';
import { auditCustomer, decryptValue, InvalidCustomerField, summarise } from './customer-records.ts';
import { selectCurrentCustomers, selectCustomer, type CustomerRow } from './customer-repository.ts';
import { CustomerNotFound } from './customer-service.ts';
import type { CustomerSummary } from './customer.ts';
import { isLikelyDuplicate, jaroWinkler, scoreDuplicate, type CandidateRecord } from './duplicates/index.ts';
import { classifyQuery, describeInterpretation, SSN_LAST4_ALONE_REFUSAL, type QueryInterpretation } from './lookup/index.ts';

/** A search that would single people out by a key too weak to be theirs alone. */
export class WeakLookup extends Error {}

/** The typed search form: each key is one retrieval key of the notices and the blind index that answers it. */
export const searchKeys = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  zip: 'zip',
  ssnLast4: 'ssn_last4',
  customerNumber: 'customer_number',
  accountNumber: 'account_number',
  businessCustomerNumber: 'business_customer_number',
  mailerId: 'mailer_id',
  publisherId: 'publisher_id',
  logonId: 'logon_id',
  dunsNumber: 'duns_number',
  sicNaics: 'sic_naics',
} as const satisfies Record<string, IndexKind>;
export type SearchKey = keyof typeof searchKeys;

export interface AddressQuery {
  readonly lines: string | readonly string[];
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

export type CustomerSearch = Partial<Record<SearchKey, string>> & { readonly address?: AddressQuery };

export interface PossibleDuplicate {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  /** The fields that agreed, strongest first: names of fields, never their values. */
  readonly reasons: readonly string[];
}

export interface LookupResult {
  readonly interpretations: readonly { readonly kind: string; readonly description: string }[];
  readonly results: readonly { readonly customer: CustomerSummary; readonly matchedBy: string }[];
}

/** One condition of a search: a customer holding a value of any of `kinds` equal to `value`. */
interface Condition {
  readonly key: string;
  readonly kinds: readonly IndexKind[];
  readonly value: string;
}

export interface CustomerFinder {
  /** The typed form: customers matching every given key. */
  search(trx: Tx, principal: Principal, query: CustomerSearch, ctx: AuditContext, now: Date): Promise<CustomerSummary[]>;
  /** The find-customer box: recognises what was typed and finds the customers it can mean, best first. */
  lookup(trx: Tx, principal: Principal, text: string, ctx: AuditContext, now: Date): Promise<LookupResult>;
  /** Screen-pop for a telephony system: customers holding this phone (or fax) number. */
  byPhone(trx: Tx, principal: Principal, number: string, ctx: AuditContext, now: Date): Promise<CustomerSummary[]>;
  /**
   * Customers that are probably the same as this one (same normalised e-mail or phone, or a
   * similar name at the same ZIP), most likely first. Shows their names: audited as a search.
   */
  duplicatesOf(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PossibleDuplicate[]>;
}

const lookupLimit = 50;
// A name block in a large registry can be big; scoring more than this per check buys little.
const duplicateCandidateLimit = 200;

/**
 * Keys held by other modules' records rather than the registry (a case number, an article
 * number on a case): each answers the customers its records belong to.
 */
export type KeyResolver = (trx: Tx, normalised: string) => Promise<readonly string[]>;
export type ResolvedKind = 'case_number' | 'article_number' | 'pickup_number';

export function createCustomerFinder(vault: Vault, resolvers: Partial<Record<ResolvedKind, KeyResolver>> = {}): CustomerFinder {
  /**
   * The customers holding a value that matches the condition. A value's index rows carry
   * its owner and are removed with the value and moved with it on a merge, so the index
   * answers alone; merged-away customers are dropped later, by `readable`.
   */
  async function matching(trx: Tx, condition: Condition): Promise<Set<string>> {
    const owners = new Set<string>();
    for (const kind of condition.kinds) {
      let matches;
      try {
        matches = await vault.findByIndex(trx, kind, condition.value);
      } catch (error) {
        if (error instanceof InvalidIndexValueError) throw new InvalidCustomerField(condition.key, error.reason);
        throw error;
      }
      for (const match of matches) if (match.recordTable === 'customer_values') owners.add(match.subjectId);
    }
    return owners;
  }

  /** The customers meeting every condition: the intersection of one blind-index query per condition. */
  async function matchAll(trx: Tx, conditions: readonly Condition[]): Promise<Set<string>> {
    let ids: Set<string> | undefined;
    for (const condition of conditions) {
      const found = await matching(trx, condition);
      ids = ids === undefined ? found : new Set([...ids].filter((id) => found.has(id)));
      if (ids.size === 0) break;
    }
    return ids ?? new Set();
  }

  /** Current customers among ids this principal may read, in the order of ids. */
  async function readable(trx: Tx, principal: Principal, ids: readonly string[]): Promise<CustomerRow[]> {
    const rows = new Map((await selectCurrentCustomers(trx, ids)).map((row) => [row.subject_id, row]));
    return ids
      .map((id) => rows.get(id))
      .filter(
        (row): row is CustomerRow =>
          row !== undefined && can(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area }),
      );
  }

  /** The readable customers among ids, summarised, in id order; the search is audited with what it returned. */
  async function answer(
    trx: Tx,
    principal: Principal,
    ids: ReadonlySet<string>,
    ctx: AuditContext,
    now: Date,
    detail: Record<string, string | boolean>,
  ): Promise<CustomerSummary[]> {
    const customers = await summarise(vault, trx, await readable(trx, principal, [...ids].sort().slice(0, lookupLimit)));
    const subjects = customers.map((c) => c.id);
    await auditCustomer(trx, principal, ctx, now, 'search', null, subjects, { ...detail, matches: customers.length });
    return customers;
  }

  function conditionsOf(query: CustomerSearch): Condition[] {
    const conditions: Condition[] = (Object.keys(searchKeys) as SearchKey[])
      .filter((key) => query[key]?.trim())
      .map((key) => ({ key, kinds: [searchKeys[key]], value: query[key]!.trim() }));
    if (query.address) {
      let parsed;
      try {
        parsed = customerFields.mailing_address.parse(query.address);
      } catch (error) {
        if (error instanceof FieldValueError)
          throw new InvalidCustomerField(error.part ? `address/${error.part}` : 'address', error.reason);
        throw error;
      }
      const key = parsed.index.find((entry) => entry.kind === 'address')!;
      conditions.push({ key: 'address', kinds: ['address'], value: key.value });
    }
    return conditions;
  }

  return {
    async search(trx, principal, query, ctx, now) {
      const conditions = conditionsOf(query);
      if (conditions.length === 0) throw new WeakLookup(`give at least one of ${[...Object.keys(searchKeys), 'address'].join(', ')}`);
      // 10,000 people share any four digits: with a name or ZIP they narrow a caller down, alone they list strangers.
      if (conditions.every((c) => c.key === 'ssnLast4')) throw new WeakLookup('ssnLast4 retrieves no one alone: add name or zip');
      const keys = conditions
        .map((c) => c.key)
        .sort()
        .join(',');
      return answer(trx, principal, await matchAll(trx, conditions), ctx, now, { keys });
    },

    async lookup(trx, principal, text, ctx, now) {
      const interpretations = classifyQuery(text);
      const usable = interpretations.filter((i) => !('alone' in i && i.alone));
      if (usable.length === 0) {
        throw new WeakLookup(
          interpretations.length > 0
            ? SSN_LAST4_ALONE_REFUSAL
            : 'nothing a customer can be found by: type a name, e-mail, phone, ZIP, customer number or customer id',
        );
      }
      // Best first: interpretations in the classifier's order of likelihood, names by closeness within theirs.
      const matchedBy = new Map<string, { rank: number; label: string }>();
      for (const [rank, interpretation] of usable.entries()) {
        const ids =
          interpretation.kind === 'customer_id'
            ? [interpretation.normalised]
            : interpretation.kind in resolvers
              ? await resolvers[interpretation.kind as ResolvedKind]!(trx, interpretation.normalised)
              : await matchAll(trx, conditionsFor(interpretation));
        for (const id of ids) if (!matchedBy.has(id)) matchedBy.set(id, { rank, label: describeInterpretation(interpretation) });
        if (matchedBy.size >= lookupLimit) break;
      }
      // Four digits that found nothing else were meant as an SSN: say why they retrieve no one.
      if (matchedBy.size === 0 && usable.length < interpretations.length) throw new WeakLookup(SSN_LAST4_ALONE_REFUSAL);
      const rows = await readable(trx, principal, [...matchedBy.keys()].slice(0, lookupLimit));
      const typedName = comparableName(text.replace(/[0-9]/g, ' '));
      const results = (await summarise(vault, trx, rows))
        .map((customer) => ({ customer, ...matchedBy.get(customer.id)!, closeness: jaroWinkler(comparableName(customer.name), typedName) }))
        .sort((a, b) => a.rank - b.rank || b.closeness - a.closeness)
        .map(({ customer, label }) => ({ customer, matchedBy: label }));
      await auditCustomer(
        trx,
        principal,
        ctx,
        now,
        'search',
        null,
        results.map((r) => r.customer.id),
        {
          lookup: true,
          kinds: usable.map((i) => i.kind).join(','),
          matches: results.length,
        },
      );
      return { interpretations: usable.map((i) => ({ kind: i.kind, description: describeInterpretation(i) })), results };
    },

    async byPhone(trx, principal, number, ctx, now) {
      const ids = await matchAll(trx, [{ key: 'number', kinds: ['phone'], value: number }]);
      return answer(trx, principal, ids, ctx, now, { keys: 'phone', screen_pop: true });
    },

    async duplicatesOf(trx, principal, id, ctx, now) {
      const row = await selectCustomer(trx, id);
      if (!row || row.merged_into !== null) throw new CustomerNotFound('no such customer');
      authorize(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area });
      const [self] = await summarise(vault, trx, [row]);
      // Blocking through the blind indexes: only customers sharing an exact key, or a phonetic name within the ZIP.
      const addressKeys = await trx
        .selectFrom('customer_values')
        .selectAll()
        .where('subject_id', '=', id)
        .where('field', '=', 'mailing_address')
        .where('removed_at', 'is', null)
        .execute()
        .then((rows) => Promise.all(rows.map(async (r) => addressKey(JSON.parse(await decryptValue(vault, trx, r)) as NormalisedAddress))));
      const blocks: Condition[][] = [
        ...(self!.email ? [[{ key: 'email', kinds: ['email'] as const, value: self!.email }]] : []),
        ...(self!.phone ? [[{ key: 'phone', kinds: ['phone'] as const, value: self!.phone }]] : []),
        ...addressKeys.map((value) => [{ key: 'address', kinds: ['address'] as const, value }]),
        [
          { key: 'name', kinds: ['name'] as const, value: self!.name },
          ...(self!.zip ? [{ key: 'zip', kinds: ['zip'] as const, value: self!.zip }] : []),
        ],
      ];
      const candidateIds = new Set<string>();
      for (const block of blocks) {
        for (const candidate of await matchAll(trx, block)) {
          if (candidate !== id && candidateIds.size < duplicateCandidateLimit) candidateIds.add(candidate);
        }
      }
      const rows = await readable(trx, principal, [...candidateIds]);
      const mine = candidateRecord(self!);
      const duplicates = (await summarise(vault, trx, rows))
        .map((other) => ({ other, result: scoreDuplicate(mine, candidateRecord(other)) }))
        .filter(({ result }) => isLikelyDuplicate(result.score))
        .sort((a, b) => b.result.score - a.result.score)
        .map(({ other, result }) => ({ id: other.id, name: other.name, score: result.score, reasons: [...result.reasons] }));
      await auditCustomer(trx, principal, ctx, now, 'search', id, [id, ...duplicates.map((d) => d.id)], {
        duplicate_check: true,
        candidates: rows.length,
        matches: duplicates.length,
      });
      return duplicates;
    },
  };
}

function candidateRecord(customer: CustomerSummary): CandidateRecord {
  return {
    fullName: customer.name,
    ...(customer.address ? { addressLine: customer.address.split(',')[0]! } : {}),
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

/** Identifiers that are not recognisable by their shape may be any of the notices' customer identifiers. */
const anyIdentifier: readonly IndexKind[] = identifierKinds.filter((kind) => kind !== 'sic_naics');

/** The conditions an interpretation searches by; none for kinds this registry holds no index of (cases, articles). */
function conditionsFor(interpretation: QueryInterpretation): Condition[] {
  const one = (kinds: readonly IndexKind[], value: string): Condition => ({ key: interpretation.kind, kinds, value });
  if (interpretation.kind === 'compound') {
    const [name, other] = interpretation.parts;
    return [
      one(['name'], name!.normalised),
      other!.kind === 'ssn_last4' ? one(['ssn_last4'], other!.normalised) : one(['zip'], other!.normalised.slice(0, 9)),
    ];
  }
  switch (interpretation.kind) {
    case 'email':
      return [one(['email'], interpretation.normalised)];
    case 'phone':
      return [one(['phone'], interpretation.normalised)];
    case 'zip':
    case 'zip4':
    case 'zip11':
      return [one(['zip'], interpretation.normalised.slice(0, interpretation.kind === 'zip' ? 5 : 9))];
    case 'name':
      return [one(['name'], interpretation.normalised)];
    case 'sic_naics':
      return [one(['sic_naics'], interpretation.normalised)];
    case 'account_number':
    case 'identifier':
      return [one(anyIdentifier, interpretation.normalised)];
    default:
      return [];
  }
}
