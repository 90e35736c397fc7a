import { randomUUID } from 'node:crypto';
import { appendAudit, type AuditContext, type AuditDetail } from '../../access/index.ts';
import { InvalidIndexValueError, type Vault } from '../../crypto/index.ts';
import type { Insertable } from 'kysely';
import type { ContactHistoryTable, Principal, Tx } from '../../db/index.ts';
import {
  customerFields,
  fieldMask,
  FieldValueError,
  isCustomerField,
  maskValue,
  nameFieldOf,
  type CustomerField,
  type CustomerKind,
  type NormalisedAddress,
  type ParsedValue,
} from './customer-fields.ts';
import {
  clearPrimary,
  insertHistory,
  insertValues,
  markValuesRemoved,
  selectCurrentValues,
  type CustomerRow,
  type ValueRow,
} from './customer-repository.ts';
import type { CustomerSummary, CustomerValue, NewValue, RecordSource } from './customer.ts';

export const recordType = 'usps-880/customer';

/** A value that cannot be what its field says; `field` is its path in the input ('values/2/value/zip'), the message never repeats it. */
export class InvalidCustomerField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export function valueLocation(valueId: string) {
  return { table: 'customer_values', column: 'value_ct', rowId: valueId };
}

export type AuditAction = 'create' | 'read' | 'update' | 'reveal' | 'search' | 'merge' | 'unmerge' | 'import';

export async function auditCustomer(
  trx: Tx,
  principal: Principal,
  ctx: AuditContext,
  now: Date,
  action: AuditAction,
  recordId: string | null,
  subjects: readonly string[],
  detail: Record<string, string | number | boolean | readonly string[]> = {},
  outcome: 'ok' | 'denied' = 'ok',
): Promise<void> {
  await appendAudit(trx, {
    at: now,
    actor: principal,
    action,
    recordType,
    recordId,
    subjects: [...subjects],
    ...ctx,
    outcome,
    detail: detail as AuditDetail,
  });
}

export async function recordHistory(
  trx: Tx,
  customer: Pick<CustomerRow, 'subject_id' | 'business_area'>,
  entry: HistoryEntryInput,
  actor: string,
  now: Date,
): Promise<void> {
  await insertHistory(trx, historyRow(customer, entry, actor, now));
}

export interface HistoryEntryInput {
  readonly kind: string;
  readonly summary: string;
  readonly channel?: ContactHistoryTable['channel'];
  readonly sourceTable?: string;
  readonly sourceId?: string;
}

/** A contact-history row of the customer; it takes the customer's business area. */
export function historyRow(
  customer: Pick<CustomerRow, 'subject_id' | 'business_area'>,
  entry: HistoryEntryInput,
  actor: string,
  now: Date,
): Insertable<ContactHistoryTable> {
  return {
    id: randomUUID(),
    subject_id: customer.subject_id,
    business_area: customer.business_area,
    at: now,
    kind: entry.kind,
    channel: entry.channel ?? null,
    summary: entry.summary,
    source_table: entry.sourceTable ?? null,
    source_id: entry.sourceId ?? null,
    actor,
  };
}

interface Parsed {
  readonly input: NewValue;
  readonly path: string;
  readonly parsed: ParsedValue;
  readonly label: string | null;
}

/**
 * Checks values against their fields for a customer of `kind`; every problem is reported
 * against the value's path (`${base}/${i}/…`), and nothing is written by this step.
 */
export function parseValues(kind: CustomerKind, values: readonly NewValue[], base = 'values'): Parsed[] {
  const seenSingle = new Set<string>();
  return values.map((input, i) => {
    const path = `${base}/${i}`;
    if (!isCustomerField(input.field)) throw new InvalidCustomerField(`${path}/field`, 'is not a customer field');
    const spec = customerFields[input.field];
    if (!(spec.appliesTo as readonly string[]).includes(kind))
      throw new InvalidCustomerField(`${path}/field`, `does not apply to a customer of kind ${kind}`);
    const labels: readonly string[] | undefined = 'labels' in spec ? spec.labels : undefined;
    const label = input.label ?? null;
    if (label !== null && !labels?.includes(label))
      throw new InvalidCustomerField(`${path}/label`, labels ? `must be one of ${labels.join(', ')}` : 'this field takes no label');
    if (input.field === 'sic_naics' && label === null) throw new InvalidCustomerField(`${path}/label`, 'must say sic or naics');
    if ('single' in spec) {
      if (seenSingle.has(input.field)) throw new InvalidCustomerField(`${path}/field`, 'a customer has only one');
      seenSingle.add(input.field);
    }
    try {
      return { input, path, parsed: spec.parse(input.value, label), label };
    } catch (error) {
      if (error instanceof FieldValueError)
        throw new InvalidCustomerField(error.part ? `${path}/value/${error.part}` : `${path}/value`, error.reason);
      throw error;
    }
  });
}

/**
 * Makes values a customer's own: encrypted under its key, findable by their retrieval
 * keys, each with its source and time. A single-valued field's old value and, for a new
 * primary, the field's old primary are superseded. Returns the rows written.
 */
export async function storeValues(
  vault: Vault,
  trx: Tx,
  customer: Pick<CustomerRow, 'subject_id' | 'business_area'>,
  parsed: readonly Parsed[],
  source: RecordSource,
  actor: string,
  now: Date,
): Promise<ValueRow[]> {
  const id = customer.subject_id;
  const current = await selectCurrentValues(trx, [id], [...new Set(parsed.map((p) => p.input.field))]);
  const replaced = current.filter((row) => isCustomerField(row.field) && 'single' in customerFields[row.field]).map((row) => row.id);
  await markValuesRemoved(trx, replaced, actor, now);
  for (const valueId of replaced) await vault.unindexRecord(trx, 'customer_values', valueId);

  const hasPrimary = new Set(current.filter((row) => row.is_primary && !replaced.includes(row.id)).map((row) => row.field));
  const rows: ValueRow[] = [];
  for (const { input, parsed: value, label } of parsed) {
    const primary = input.primary === true || !hasPrimary.has(input.field);
    if (input.primary === true && hasPrimary.has(input.field)) {
      await clearPrimary(trx, id, input.field);
      for (const row of rows) if (row.field === input.field) (row as { is_primary: boolean }).is_primary = false;
    }
    hasPrimary.add(input.field);
    const valueId = randomUUID();
    rows.push({
      id: valueId,
      subject_id: id,
      business_area: customer.business_area,
      field: input.field,
      label,
      value_ct: await vault.encryptFor(trx, id, valueLocation(valueId), value.stored),
      is_primary: primary,
      record_source: source,
      recorded_by: actor,
      recorded_at: now,
      removed_at: null,
      removed_by: null,
    });
  }
  await insertValues(trx, rows);
  try {
    await vault.indexValues(
      trx,
      parsed.flatMap(({ parsed: value }, i) =>
        value.index.map((entry) => ({
          ...entry,
          subjectId: id,
          businessArea: customer.business_area,
          recordTable: 'customer_values',
          recordId: rows[i]!.id,
        })),
      ),
    );
  } catch (error) {
    // The field parsers normalise with the same functions: reaching this is a bug, not bad input.
    if (error instanceof InvalidIndexValueError) throw new Error(`a parsed value failed to index as ${error.kind}`);
    throw error;
  }
  return rows;
}

export async function decryptValue(vault: Vault, trx: Tx, row: ValueRow): Promise<string> {
  return (await vault.decryptFor(trx, row.subject_id, valueLocation(row.id), row.value_ct)).toString('utf8');
}

/** A value for display from its clear text: masked as the catalog says unless its field is in `reveal`. */
export function customerValueOf(row: ValueRow, stored: string, reveal: ReadonlySet<string>): CustomerValue {
  const field = row.field as CustomerField;
  const mask = fieldMask(field);
  const masked = mask !== null && !reveal.has(field);
  return {
    id: row.id,
    field,
    label: row.label,
    value: masked ? maskValue(stored, mask) : field === 'mailing_address' ? (JSON.parse(stored) as NormalisedAddress) : stored,
    masked,
    primary: row.is_primary,
    recordSource: row.record_source,
    recordedAt: row.recorded_at,
  };
}

export async function toCustomerValue(vault: Vault, trx: Tx, row: ValueRow, reveal: ReadonlySet<string>): Promise<CustomerValue> {
  return customerValueOf(row, await decryptValue(vault, trx, row), reveal);
}

/** The values just stored, in the order given, without decrypting what the caller already holds. */
export function storedValues(rows: readonly ValueRow[], parsed: readonly Parsed[]): CustomerValue[] {
  return rows.map((row, i) => customerValueOf(row, parsed[i]!.parsed.stored, new Set()));
}

const summaryFields = ['customer_name', 'company_name', 'email', 'phone', 'mailing_address'] as const;

/** List entries for customers: their primary name, e-mail, phone and ZIP. */
export async function summarise(vault: Vault, trx: Tx, customers: readonly CustomerRow[]): Promise<CustomerSummary[]> {
  const values = await selectCurrentValues(
    trx,
    customers.map((c) => c.subject_id),
    summaryFields,
  );
  await vault.preloadKeys(
    trx,
    customers.map((c) => c.subject_id),
  );
  const first = new Map<string, ValueRow>();
  // Ordered primary first: the first row per customer and field is the one to show.
  for (const row of values) if (!first.has(`${row.subject_id}/${row.field}`)) first.set(`${row.subject_id}/${row.field}`, row);
  const read = async (id: string, field: string) => {
    const row = first.get(`${id}/${field}`);
    return row ? decryptValue(vault, trx, row) : null;
  };
  return Promise.all(
    customers.map(async (c) => {
      const stored = await read(c.subject_id, 'mailing_address');
      const address = stored === null ? null : (JSON.parse(stored) as NormalisedAddress);
      return {
        id: c.subject_id,
        kind: c.kind,
        name: (await read(c.subject_id, nameFieldOf(c.kind))) ?? '',
        email: await read(c.subject_id, 'email'),
        phone: await read(c.subject_id, 'phone'),
        zip: address?.zip5 ?? null,
        address: address === null ? null : `${address.deliveryLine}, ${address.lastLine}`,
        businessArea: c.business_area,
      };
    }),
  );
}
