import { randomUUID } from 'node:crypto';
import { actorOf, appendAudit, authorize, can, type AuditContext } from '../../access/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { casePriorities, resolutionCodes, type CaseDetail, type CaseService } from '../cases/index.ts';
import type { CustomerService } from '../customers/index.ts';
import { macroStatuses, type Macro, type MacroActions, type MacroInput, type MacroPreview } from './macro.ts';
import {
  deleteMacro,
  insertMacro,
  macroNamed,
  selectMacro,
  selectMacros,
  staffName,
  updateMacro,
  type MacroRow,
} from './macro-repository.ts';
import { parseTemplate, placeholdersOf, renderTemplate, TemplateError, type TemplateValues } from './template.ts';

/** A macro that cannot be saved as given; `field` is its path in the input ('body', 'actions/tags/2'). */
export class InvalidMacro extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** Another macro already has the name. */
export class MacroNameTaken extends Error {}

export class MacroNotFound extends Error {}

export type PreviewResult = { readonly preview: MacroPreview } | { readonly refused: 'case_not_found' };

export interface Macros {
  /** The macros this staff member may use (of no area or of one of theirs); all of them for those who manage macros. */
  list(trx: Tx, principal: Principal): Promise<Macro[]>;
  save(trx: Tx, principal: Principal, id: string | null, input: MacroInput, ctx: AuditContext, now: Date): Promise<Macro>;
  remove(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<void>;
  /** The macro filled in for a case (audited as a read of the case and its customer); nothing is sent or changed. */
  preview(trx: Tx, principal: Principal, caseId: string, macroId: string, ctx: AuditContext, now: Date): Promise<PreviewResult>;
}

export interface MacroOptions {
  readonly cases: CaseService;
  readonly customers: CustomerService;
  /** The survey link for a case's {{survey.link}}, once surveys are wired; without it the line is left out. */
  readonly surveyLink?: (trx: Tx, caseId: string) => Promise<string | null>;
}

const tagPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

function toMacro(row: MacroRow): Macro {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    businessArea: row.business_area,
    actions: row.actions as MacroActions,
    placeholders: placeholdersOf(parseTemplate(row.body)),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function checkActions(actions: MacroActions): MacroActions {
  const { status, resolutionCode, priority, tags } = actions;
  if (status !== undefined && !(macroStatuses as readonly string[]).includes(status))
    throw new InvalidMacro('actions/status', `must be one of ${macroStatuses.join(', ')}`);
  if (status === 'resolved' && resolutionCode === undefined)
    throw new InvalidMacro('actions/resolutionCode', 'is required when the macro resolves the case');
  if (resolutionCode !== undefined && status !== 'resolved')
    throw new InvalidMacro('actions/resolutionCode', "goes only with status 'resolved'");
  if (resolutionCode !== undefined && !(resolutionCodes as readonly string[]).includes(resolutionCode))
    throw new InvalidMacro('actions/resolutionCode', `must be one of ${resolutionCodes.join(', ')}`);
  if (priority !== undefined && !(casePriorities as readonly string[]).includes(priority))
    throw new InvalidMacro('actions/priority', `must be one of ${casePriorities.join(', ')}`);
  if (tags !== undefined) {
    if (tags.length > 20) throw new InvalidMacro('actions/tags', 'at most 20 tags');
    tags.forEach((tag, i) => {
      if (!tagPattern.test(tag)) throw new InvalidMacro(`actions/tags/${i}`, 'must be 1 to 40 lower-case letters, digits and hyphens');
    });
  }
  // Only the known keys, in a stable order: what is stored is what was checked.
  return {
    ...(status !== undefined ? { status } : {}),
    ...(resolutionCode !== undefined ? { resolutionCode } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(tags !== undefined ? { tags: [...new Set(tags)] } : {}),
  };
}

async function validate(trx: Tx, input: MacroInput): Promise<{ name: string; body: string; actions: MacroActions }> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw new InvalidMacro('name', 'must be 1 to 100 characters');
  if (input.body.trim() === '' || input.body.length > 20_000) throw new InvalidMacro('body', 'must be 1 to 20000 characters');
  try {
    parseTemplate(input.body);
  } catch (error) {
    if (error instanceof TemplateError) throw new InvalidMacro('body', error.message);
    throw error;
  }
  if (input.businessArea) {
    const area = await trx.selectFrom('business_areas').select('id').where('id', '=', input.businessArea).executeTakeFirst();
    if (!area) throw new InvalidMacro('businessArea', 'is not a business area');
  }
  return { name, body: input.body, actions: checkActions(input.actions ?? {}) };
}

const firstWord = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] ?? '';

export function createMacros(options: MacroOptions): Macros {
  const { cases, customers } = options;

  async function audit(trx: Tx, principal: Principal, ctx: AuditContext, now: Date, id: string, change: string): Promise<void> {
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action: 'settings_change',
      recordType: 'macro',
      recordId: id,
      subjects: [],
      ...ctx,
      outcome: 'ok',
      detail: { macro_id: id, change },
    });
  }

  /** The names the case's placeholders take: its customer's (or, with none, its sender's), the case's and the agent's. */
  async function valuesFor(trx: Tx, principal: Principal, detail: CaseDetail, ctx: AuditContext, now: Date): Promise<TemplateValues> {
    let name = detail.sender?.name ?? '';
    let firstName = firstWord(name);
    if (detail.customerId) {
      const read = await customers.get(trx, principal, detail.customerId, { reveal: [] }, ctx, now);
      if ('customer' in read) {
        const customer = read.customer;
        name = customer.name;
        // An organisation is greeted through its primary key contact when it has one.
        const contact = customer.contacts.find((c) => c.relationship === 'primary') ?? customer.contacts[0];
        firstName = customer.kind === 'person' ? firstWord(customer.name) : contact ? firstWord(contact.name) : customer.name;
      }
    }
    return {
      'customer.name': name,
      'customer.first_name': firstName,
      'case.number': detail.number,
      'case.title': detail.title,
      'agent.name': principal.kind === 'staff' ? ((await staffName(trx, principal.id)) ?? '') : '',
      'survey.link': options.surveyLink ? await options.surveyLink(trx, detail.id) : null,
    };
  }

  return {
    async list(trx, principal) {
      const rows = await selectMacros(trx);
      const all = can(principal, 'macros.manage') || principal.kind === 'system';
      const areas = principal.kind === 'staff' ? principal.areas : [];
      return rows.filter((row) => all || row.business_area === null || areas.includes(row.business_area)).map(toMacro);
    },

    async save(trx, principal, id, input, ctx, now) {
      authorize(principal, 'macros.manage');
      const checked = await validate(trx, input);
      const holder = await macroNamed(trx, checked.name);
      if (holder !== undefined && holder !== id) throw new MacroNameTaken('another macro has this name');
      const actor = actorOf(principal);
      const columns = {
        name: checked.name,
        body: checked.body,
        business_area: input.businessArea ?? null,
        actions: JSON.stringify(checked.actions),
        updated_by: actor,
        updated_at: now,
      };
      const macroId = id ?? randomUUID();
      if (id === null) await insertMacro(trx, { id: macroId, ...columns, created_by: actor, created_at: now });
      else if (!(await updateMacro(trx, id, columns))) throw new MacroNotFound('no such macro');
      await audit(trx, principal, ctx, now, macroId, id === null ? 'created' : 'updated');
      return toMacro((await selectMacro(trx, macroId))!);
    },

    async remove(trx, principal, id, ctx, now) {
      authorize(principal, 'macros.manage');
      if (!(await deleteMacro(trx, id))) throw new MacroNotFound('no such macro');
      await audit(trx, principal, ctx, now, id, 'deleted');
    },

    async preview(trx, principal, caseId, macroId, ctx, now) {
      const row = await selectMacro(trx, macroId);
      if (!row) throw new MacroNotFound('no such macro');
      const read = await cases.get(trx, principal, caseId, ctx, now);
      if ('refused' in read) return { refused: 'case_not_found' };
      if (row.business_area !== null && row.business_area !== read.case.businessArea)
        throw new InvalidMacro('macroId', "is a macro of another business area than the case's");
      const body = renderTemplate(parseTemplate(row.body), await valuesFor(trx, principal, read.case, ctx, now));
      return { preview: { body, actions: row.actions as MacroActions } };
    },
  };
}
