import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { actorOf, authorize } from '../../../access/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { caseChannels, casePriorities } from '../case-kinds.ts';
import { detectableLanguages, detectLanguage } from './detect-language.ts';
import {
  routeCase,
  type AssignmentStrategy,
  type RoutingActions,
  type RoutingConditions,
  type RoutingDecision,
  type RoutingInput,
  type RoutingRule,
} from './routing-rule.ts';

/** A rule that cannot be saved as given; `field` is its path ('conditions/channels/1'). */
export class InvalidRoutingRule extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export class RoutingRuleNotFound extends Error {}

export interface RuleInput {
  readonly name: string;
  readonly enabled?: boolean;
  readonly conditions: RoutingConditions;
  readonly actions: RoutingActions;
}

export interface StaffMember {
  readonly id: string;
  readonly displayName: string;
}

const customerTypes = ['person', 'organisation', 'unknown'];
const strategies: readonly AssignmentStrategy[] = ['manual', 'round_robin', 'least_loaded'];

function checkList(field: string, values: readonly string[] | undefined, allowed: readonly string[] | null, max = 50): void {
  if (values === undefined) return;
  if (values.length > max) throw new InvalidRoutingRule(field, `at most ${max} values`);
  values.forEach((value, i) => {
    if (allowed && !allowed.includes(value)) throw new InvalidRoutingRule(`${field}/${i}`, `must be one of ${allowed.join(', ')}`);
    if (!allowed && (value.trim() === '' || value.length > 100))
      throw new InvalidRoutingRule(`${field}/${i}`, 'must be 1 to 100 characters');
  });
}

async function validate(trx: Tx, rule: RuleInput): Promise<void> {
  if (rule.name.trim() === '' || rule.name.length > 100) throw new InvalidRoutingRule('name', 'must be 1 to 100 characters');
  const { conditions: c, actions: a } = rule;
  checkList('conditions/channels', c.channels, caseChannels);
  checkList('conditions/customerTypes', c.customerTypes, customerTypes);
  checkList('conditions/languages', c.languages, detectableLanguages);
  checkList('conditions/categories', c.categories, null);
  checkList('conditions/words', c.words, null, 200);
  if (a.priority !== undefined && !casePriorities.includes(a.priority))
    throw new InvalidRoutingRule('actions/priority', `must be one of ${casePriorities.join(', ')}`);
  if (a.assignment !== undefined && !strategies.includes(a.assignment))
    throw new InvalidRoutingRule('actions/assignment', `must be one of ${strategies.join(', ')}`);
  checkList('actions/tags', a.tags, null, 20);
  if (a.businessArea) {
    const area = await trx.selectFrom('business_areas').select('id').where('id', '=', a.businessArea).executeTakeFirst();
    if (!area) throw new InvalidRoutingRule('actions/businessArea', 'is not a business area');
  }
}

function toRule(row: {
  id: string;
  name: string;
  enabled: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
}): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    conditions: row.conditions as RoutingConditions,
    actions: row.actions as RoutingActions,
  };
}

type RuleRow = Parameters<typeof toRule>[0];

/**
 * The rules in order as one JSON value, for a statement that reads them together with
 * what else a new case needs (a round trip less on every case opened); rulesOf reads it.
 */
export function rulesAsJson(): RawBuilder<RuleRow[]> {
  return sql<RuleRow[]>`(SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'enabled', r.enabled,
    'conditions', r.conditions, 'actions', r.actions) ORDER BY r.position, r.id), '[]'::json) FROM routing_rules r)`;
}

export function rulesOf(rows: readonly RuleRow[]): RoutingRule[] {
  return rows.map(toRule);
}

/** Routing rules (supervisor-editable, ordered), the decision for a new case, and whom to assign it to. */
export function createRouting() {
  async function rules(trx: Tx): Promise<RoutingRule[]> {
    return (await trx.selectFrom('routing_rules').selectAll().orderBy('position').orderBy('id').execute()).map(toRule);
  }

  return {
    rules,

    async save(trx: Tx, principal: Principal, id: string | null, input: RuleInput, now: Date): Promise<RoutingRule> {
      authorize(principal, 'routing.manage');
      await validate(trx, input);
      const values = {
        name: input.name.trim(),
        enabled: input.enabled ?? true,
        conditions: JSON.stringify(input.conditions),
        actions: JSON.stringify(input.actions),
        updated_by: actorOf(principal),
        updated_at: now,
      };
      if (id === null) {
        const last = await trx
          .selectFrom('routing_rules')
          .select(sql<number>`coalesce(max(position), 0)`.as('max'))
          .executeTakeFirstOrThrow();
        const newId = randomUUID();
        await trx
          .insertInto('routing_rules')
          .values({ id: newId, position: Number(last.max) + 1, ...values })
          .execute();
        return toRule({
          id: newId,
          ...values,
          conditions: input.conditions as Record<string, unknown>,
          actions: input.actions as Record<string, unknown>,
        });
      }
      const updated = await trx.updateTable('routing_rules').set(values).where('id', '=', id).executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw new RoutingRuleNotFound('no such rule');
      return toRule({
        id,
        ...values,
        conditions: input.conditions as Record<string, unknown>,
        actions: input.actions as Record<string, unknown>,
      });
    },

    async remove(trx: Tx, principal: Principal, id: string): Promise<void> {
      authorize(principal, 'routing.manage');
      const deleted = await trx.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
      if (deleted.numDeletedRows === 0n) throw new RoutingRuleNotFound('no such rule');
    },

    /** Puts the rules in this order: every rule, each once. */
    async reorder(trx: Tx, principal: Principal, ids: readonly string[], now: Date): Promise<RoutingRule[]> {
      authorize(principal, 'routing.manage');
      const current = await rules(trx);
      const known = new Set(current.map((r) => r.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id)))
        throw new InvalidRoutingRule('ids', 'must list every rule exactly once');
      for (const [i, id] of ids.entries())
        await trx
          .updateTable('routing_rules')
          .set({ position: i + 1, updated_by: actorOf(principal), updated_at: now })
          .where('id', '=', id)
          .execute();
      return rules(trx);
    },

    /** Which rule would fire for this inquiry, and what it would do ("which rule would fire?"). */
    decide(rules: readonly RoutingRule[], input: Omit<RoutingInput, 'language'>): RoutingDecision & { language: string | null } {
      const language = detectLanguage(`${input.title} ${input.body}`);
      return { ...routeCase(rules, { ...input, language }), language };
    },

    /** The active staff working an area (or the shared queue), as far as the principal may know them. */
    async staffOf(trx: Tx, area: string | null): Promise<StaffMember[]> {
      const result = await sql<{ id: string; display_name: string }>`SELECT id, display_name FROM caseline.area_staff(${area})`.execute(
        trx,
      );
      return result.rows.map((r) => ({ id: r.id, displayName: r.display_name }));
    },

    /**
     * Whom a strategy assigns a new case to: least_loaded, the one with fewest open cases;
     * round_robin, the one whose last assigned case is oldest. Null for manual or nobody.
     */
    async pickAssignee(trx: Tx, area: string | null, strategy: AssignmentStrategy | undefined): Promise<string | null> {
      if (!strategy || strategy === 'manual') return null;
      const staff = await sql<{ id: string; open: number; last: Date | null }>`
        SELECT s.id,
               count(c.id) FILTER (WHERE c.status IN ('new', 'open', 'pending_customer', 'pending_internal', 'reopened'))::int AS open,
               max(c.created_at) AS last
        FROM caseline.area_staff(${area}) s
        LEFT JOIN cases c ON c.assignee = s.id
        WHERE 'agent' = ANY (s.roles)
        GROUP BY s.id
        ORDER BY ${strategy === 'least_loaded' ? sql`open, last NULLS FIRST` : sql`last NULLS FIRST, open`}, s.id`.execute(trx);
      return staff.rows[0]?.id ?? null;
    },
  };
}

export type Routing = ReturnType<typeof createRouting>;
