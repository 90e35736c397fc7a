import { randomUUID } from 'node:crypto';
import { actorOf, authorize, can, type AuditContext } from '../../access/index.ts';
import type { Vault } from '../../crypto/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { fieldClass, fieldMask, fieldNames, isCustomerField, nameFieldOf } from './customer-fields.ts';
import {
  auditCustomer,
  InvalidCustomerField,
  parseValues,
  recordHistory,
  storeValues,
  summarise,
  storedValues,
  toCustomerValue,
} from './customer-records.ts';
import {
  insertCustomer,
  insertCustomerSubject,
  markValuesRemoved,
  selectCurrentCustomers,
  selectCurrentValues,
  selectCustomer,
  selectValue,
  touchCustomer,
  type CustomerRow,
} from './customer-repository.ts';
import type { ContactRelationship, Customer, CustomerValue, KeyContact, NewCustomer, NewValue, RecordSource } from './customer.ts';

export class CustomerNotFound extends Error {}

const sourceNames: Readonly<Record<RecordSource, string>> = {
  customer: 'the customer',
  agent: 'an agent',
  list_provider: 'a list provider',
  import: 'an import',
};

/** A change the registry refuses whatever the input's format: `field` names what to change. */
export class CustomerConflict extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A read answers either the customer or why not; a refusal is audited, so it is not thrown (that would roll its entry back). */
export type CustomerRead =
  { readonly customer: Customer } | { readonly refused: 'not_found' | 'forbidden' } | { readonly mergedInto: string };

export interface HistoryEntry {
  readonly id: string;
  readonly at: Date;
  readonly kind: string;
  readonly channel: string | null;
  readonly summary: string;
  readonly sourceTable: string | null;
  readonly sourceId: string | null;
  readonly actor: string;
}

export interface CustomerService {
  create(trx: Tx, principal: Principal, input: NewCustomer, ctx: AuditContext, now: Date): Promise<Customer>;
  /** `reveal` names masked fields to show in clear: each revealed field is audited on its own. */
  get(
    trx: Tx,
    principal: Principal,
    id: string,
    options: { reveal: readonly string[] },
    ctx: AuditContext,
    now: Date,
  ): Promise<CustomerRead>;
  addValues(
    trx: Tx,
    principal: Principal,
    id: string,
    values: readonly NewValue[],
    source: RecordSource,
    ctx: AuditContext,
    now: Date,
  ): Promise<CustomerValue[]>;
  /** Supersedes a value: it stays in the record's history but no longer describes or finds the customer. */
  removeValue(trx: Tx, principal: Principal, id: string, valueId: string, ctx: AuditContext, now: Date): Promise<void>;
  linkContact(
    trx: Tx,
    principal: Principal,
    organisationId: string,
    contactId: string,
    relationship: ContactRelationship,
    ctx: AuditContext,
    now: Date,
  ): Promise<KeyContact>;
  /** The customer's contact history, newest first. */
  history(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<HistoryEntry[]>;
}

export function createCustomerService(vault: Vault): CustomerService {
  /** The customer if this principal may act on it, else CustomerNotFound (a hidden customer and a missing one look alike). */
  async function customerFor(trx: Tx, principal: Principal, id: string, action: 'record.read' | 'record.update'): Promise<CustomerRow> {
    const row = await selectCustomer(trx, id);
    if (!row || row.merged_into !== null || !can(principal, 'record.read', { subjectId: id, businessArea: row.business_area }))
      throw new CustomerNotFound('no such customer');
    authorize(principal, action, { subjectId: id, businessArea: row.business_area });
    return row;
  }

  async function contactsOf(trx: Tx, principal: Principal, row: CustomerRow): Promise<KeyContact[]> {
    const own = row.kind === 'organisation' ? 'organisation_id' : 'subject_id';
    const other = row.kind === 'organisation' ? 'subject_id' : 'organisation_id';
    const links = await trx
      .selectFrom('customer_contacts')
      .select(['id', 'organisation_id', 'subject_id', 'relationship'])
      .where(own, '=', row.subject_id)
      .where('ended_at', 'is', null)
      .orderBy('recorded_at')
      .execute();
    const others = new Map(
      (await selectCurrentCustomers(trx, [...new Set(links.map((link) => link[other]))]))
        .filter((c) => can(principal, 'record.read', { subjectId: c.subject_id, businessArea: c.business_area }))
        .map((c) => [c.subject_id, c]),
    );
    const names = new Map((await summarise(vault, trx, [...others.values()])).map((s) => [s.id, s.name]));
    return links
      .filter((link) => others.has(link[other]))
      .map((link) => ({ linkId: link.id, customerId: link[other], name: names.get(link[other])!, relationship: link.relationship }));
  }

  async function toCustomer(trx: Tx, principal: Principal, row: CustomerRow, reveal: ReadonlySet<string>): Promise<Customer> {
    const values = await Promise.all(
      (await selectCurrentValues(trx, [row.subject_id])).map((value) => toCustomerValue(vault, trx, value, reveal)),
    );
    const name = values.find((v) => v.field === nameFieldOf(row.kind));
    return {
      id: row.subject_id,
      kind: row.kind,
      name: typeof name?.value === 'string' ? name.value : '',
      businessArea: row.business_area,
      recordSource: row.record_source,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      values,
      contacts: await contactsOf(trx, principal, row),
    };
  }

  async function link(
    trx: Tx,
    principal: Principal,
    organisation: CustomerRow,
    contactId: string,
    relationship: ContactRelationship,
    path: string,
    now: Date,
  ): Promise<string> {
    const contact = await selectCustomer(trx, contactId);
    if (
      !contact ||
      contact.merged_into !== null ||
      !can(principal, 'record.read', { subjectId: contactId, businessArea: contact.business_area })
    )
      throw new InvalidCustomerField(`${path}/customerId`, 'is not a customer you can see');
    if (contact.kind !== 'person') throw new InvalidCustomerField(`${path}/customerId`, 'a key contact must be a person');
    const id = randomUUID();
    await trx
      .insertInto('customer_contacts')
      .values({
        id,
        organisation_id: organisation.subject_id,
        subject_id: contactId,
        business_area: organisation.business_area,
        relationship,
        recorded_by: actorOf(principal),
        recorded_at: now,
        ended_at: null,
      })
      .execute();
    await recordHistory(
      trx,
      contact,
      { kind: 'contact_linked', summary: `Key contact (${relationship}) of an organisation` },
      actorOf(principal),
      now,
    );
    return id;
  }

  return {
    async create(trx, principal, input, ctx, now) {
      const id = randomUUID();
      const businessArea = input.businessArea ?? null;
      authorize(principal, 'record.create', { subjectId: id, businessArea });
      // Every value is checked before anything is written: a bad one creates nothing.
      const parsed = parseValues(input.kind, input.values);
      if (!parsed.some((p) => p.input.field === nameFieldOf(input.kind)))
        throw new InvalidCustomerField('values', `must include a ${nameFieldOf(input.kind)}`);
      if (input.contacts?.length && input.kind !== 'organisation')
        throw new InvalidCustomerField('contacts', 'only an organisation has key contacts');
      await insertCustomerSubject(trx, id, input.kind, businessArea, now);
      await vault.createSubjectKey(trx, id, businessArea);
      const row: CustomerRow = {
        subject_id: id,
        business_area: businessArea,
        kind: input.kind,
        record_source: input.recordSource,
        created_at: now,
        updated_at: now,
        merged_into: null,
        merged_at: null,
      };
      await insertCustomer(trx, row);
      const actor = actorOf(principal);
      const stored = await storeValues(vault, trx, row, parsed, input.recordSource, actor, now);
      for (const [i, contact] of (input.contacts ?? []).entries())
        await link(trx, principal, row, contact.customerId, contact.relationship, `contacts/${i}`, now);
      const fields = [...new Set(parsed.map((p) => p.input.field))].sort();
      await recordHistory(
        trx,
        row,
        {
          kind: 'created',
          summary: `Registered from ${sourceNames[input.recordSource]}: ${fieldNames(fields)}`,
          channel: input.recordSource === 'import' ? 'import' : 'system',
        },
        actor,
        now,
      );
      await auditCustomer(trx, principal, ctx, now, 'create', id, [id], { fields });
      // As a read lists them: primary first, then by id (all were recorded now).
      const values = storedValues(stored, parsed).sort(
        (a, b) => Number(b.primary) - Number(a.primary) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      const name = values.find((v) => v.field === nameFieldOf(input.kind))!;
      return {
        id,
        kind: input.kind,
        name: name.value as string,
        businessArea,
        recordSource: input.recordSource,
        createdAt: now,
        updatedAt: now,
        values,
        contacts: input.contacts?.length ? await contactsOf(trx, principal, row) : [],
      };
    },

    async get(trx, principal, id, options, ctx, now) {
      const row = await selectCustomer(trx, id);
      const scope = row ? { subjectId: row.subject_id, businessArea: row.business_area } : null;
      // A refusal is answered, not thrown, so that its audit entry commits: probing is worth a record too.
      // Row-level security hides rows this principal may not read; a hidden row and a missing one look alike.
      if (!row || !scope || !can(principal, 'record.read', scope)) {
        await auditCustomer(trx, principal, ctx, now, 'read', id, [], {}, 'denied');
        return { refused: 'not_found' };
      }
      if (row.merged_into !== null) {
        await auditCustomer(trx, principal, ctx, now, 'read', id, [id], { merged_into: row.merged_into });
        return { mergedInto: row.merged_into };
      }
      const reveal = new Set(options.reveal);
      for (const field of reveal) {
        if (!isCustomerField(field) || fieldMask(field) === null)
          throw new InvalidCustomerField('reveal', `${field} is not a masked field`);
        const action = fieldClass(field) === 'sensitive' ? 'record.read_sensitive' : 'record.read';
        if (!can(principal, action, scope)) {
          await auditCustomer(trx, principal, ctx, now, 'reveal', id, [], { field }, 'denied');
          return { refused: 'forbidden' };
        }
      }
      const customer = await toCustomer(trx, principal, row, reveal);
      await auditCustomer(trx, principal, ctx, now, 'read', id, [id]);
      for (const field of [...reveal].sort())
        if (customer.values.some((v) => v.field === field)) await auditCustomer(trx, principal, ctx, now, 'reveal', id, [id], { field });
      return { customer };
    },

    async addValues(trx, principal, id, values, source, ctx, now) {
      const row = await customerFor(trx, principal, id, 'record.update');
      const parsed = parseValues(row.kind, values);
      const stored = await storeValues(vault, trx, row, parsed, source, actorOf(principal), now);
      await touchCustomer(trx, id, now);
      const fields = [...new Set(parsed.map((p) => p.input.field))].sort();
      await recordHistory(trx, row, { kind: 'values_added', summary: `Added ${fieldNames(fields)}` }, actorOf(principal), now);
      await auditCustomer(trx, principal, ctx, now, 'update', id, [id], { added: fields });
      return storedValues(stored, parsed);
    },

    async removeValue(trx, principal, id, valueId, ctx, now) {
      const row = await customerFor(trx, principal, id, 'record.update');
      const value = await selectValue(trx, valueId);
      if (!value || value.subject_id !== id || value.removed_at !== null) throw new CustomerNotFound('no such value');
      if (value.field === nameFieldOf(row.kind)) {
        const names = await selectCurrentValues(trx, [id], [value.field]);
        if (names.length === 1) throw new CustomerConflict('valueId', 'a customer keeps at least one name: add the new one first');
      }
      await markValuesRemoved(trx, [valueId], actorOf(principal), now);
      await vault.unindexRecord(trx, 'customer_values', valueId);
      if (value.is_primary) {
        // The field keeps a primary value while it has any: the oldest remaining one.
        const next = (await selectCurrentValues(trx, [id], [value.field]))[0];
        if (next) await trx.updateTable('customer_values').set({ is_primary: true }).where('id', '=', next.id).execute();
      }
      await touchCustomer(trx, id, now);
      await recordHistory(trx, row, { kind: 'value_removed', summary: `Removed ${fieldNames([value.field])}` }, actorOf(principal), now);
      await auditCustomer(trx, principal, ctx, now, 'update', id, [id], { removed: value.field });
    },

    async linkContact(trx, principal, organisationId, contactId, relationship, ctx, now) {
      const organisation = await customerFor(trx, principal, organisationId, 'record.update');
      if (organisation.kind !== 'organisation') throw new CustomerConflict('organisationId', 'only an organisation has key contacts');
      const linkId = await link(trx, principal, organisation, contactId, relationship, 'body', now);
      await recordHistory(
        trx,
        organisation,
        { kind: 'contact_linked', summary: `Key contact added (${relationship})` },
        actorOf(principal),
        now,
      );
      await auditCustomer(trx, principal, ctx, now, 'update', organisationId, [organisationId, contactId], { contact: relationship });
      const [summary] = await summarise(vault, trx, (await selectCurrentCustomers(trx, [contactId])) as CustomerRow[]);
      return { linkId, customerId: contactId, name: summary!.name, relationship };
    },

    async history(trx, principal, id, ctx, now) {
      await customerFor(trx, principal, id, 'record.read');
      const rows = await trx
        .selectFrom('contact_history')
        .selectAll()
        .where('subject_id', '=', id)
        .orderBy('at', 'desc')
        .orderBy('id')
        .limit(500)
        .execute();
      await auditCustomer(trx, principal, ctx, now, 'read', id, [id], { history: true });
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        kind: r.kind,
        channel: r.channel,
        summary: r.summary,
        sourceTable: r.source_table,
        sourceId: r.source_id,
        actor: r.actor,
      }));
    },
  };
}
