import { tables } from './tables.ts';
import type { FieldClass, PersonalTableDecl, TableDecl } from './types.ts';

type Registry = Readonly<Record<string, TableDecl>>;

export function personalTables(registry: Registry = tables): Readonly<Record<string, PersonalTableDecl>> {
  return Object.fromEntries(Object.entries(registry).filter((entry): entry is [string, PersonalTableDecl] => entry[1].personal));
}

/**
 * The class of a column, or undefined when the catalog does not declare it. A table
 * declared to hold no personal data has only operational columns.
 */
export function fieldClassOf(table: string, column: string, registry: Registry = tables): FieldClass | undefined {
  if (!Object.hasOwn(registry, table)) return undefined;
  const decl = registry[table]!;
  if (!decl.personal) return 'operational';
  return Object.hasOwn(decl.columns, column) ? decl.columns[column] : undefined;
}

export function isSensitiveField(table: string, column: string, registry: Registry = tables): boolean {
  return fieldClassOf(table, column, registry) === 'sensitive';
}
