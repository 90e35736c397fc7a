import {
  describeRetention,
  fieldClasses,
  personalTables,
  type FieldClass,
  type FieldMask,
  type Notice,
  type NoticeId,
  type RecordCategory,
  type RecordTypeId,
  type RetentionRule,
  type RetrievalKey,
  type RoutineUses,
  type TableDecl,
} from '../../../catalog/index.ts';
import { matrix, requiresMfa, roleDescriptions, staffRoles, type Action, type Relation, type Role } from '../../../access/index.ts';

export interface FieldFacts {
  readonly name: string;
  readonly fieldClass: FieldClass;
  /** How the field is shown until revealed: sensitive fields always in full. */
  readonly mask: FieldMask | null;
}

export interface RecordTypeFacts {
  readonly id: RecordTypeId;
  readonly name: string;
  readonly categories: readonly string[];
  readonly retentionRule: RetentionRule;
  /** The rule in one phrase (describeRetention). */
  readonly retention: string;
  /** The notice's retention item, verbatim. */
  readonly retentionStatement: string;
  readonly retrievalKeys: readonly RetrievalKey[];
  readonly fields: readonly FieldFacts[];
}

/** A table of personal data as the catalog declares it, its columns grouped by class. */
export interface TableFacts {
  readonly name: string;
  readonly heldFor: NoticeId | 'staff' | 'system';
  readonly description: string;
  readonly columns: Readonly<Record<FieldClass, readonly string[]>>;
}

export interface NoticeFacts {
  readonly id: NoticeId;
  readonly designation: string;
  readonly name: string;
  readonly authority: string;
  readonly purposes: readonly string[];
  readonly categoriesOfIndividuals: readonly string[];
  readonly categoriesOfRecords: readonly RecordCategory[];
  readonly recordSourceCategories: string;
  readonly routineUses: RoutineUses;
  readonly retrieval: readonly string[];
  readonly retrievalKeys: readonly RetrievalKey[];
  readonly retentionPreamble: string | null;
  readonly disposal: string;
  readonly safeguards: readonly string[];
  readonly recordAccessProcedures: string;
  readonly contestingRecordProcedures: string;
  readonly notificationProcedures: string;
  readonly exemptions: string;
  readonly history: string;
  readonly recordTypes: readonly RecordTypeFacts[];
  /** The database tables holding this notice's records; empty when none is built yet. */
  readonly tables: readonly TableFacts[];
}

export interface GrantFacts {
  readonly action: Action;
  readonly relations: readonly Relation[];
}

export interface RoleFacts {
  readonly role: Role;
  readonly description: string;
  readonly grants: readonly GrantFacts[];
  /** Staff holding the role must pass a second factor (access/requiresMfa). */
  readonly mfaRequired: boolean;
}

export interface CatalogFacts {
  readonly notices: readonly NoticeFacts[];
  /** Personal tables held about staff or for the system itself, under no notice of the catalog. */
  readonly otherTables: readonly TableFacts[];
}

// The matrix's two non-staff roles, which roleDescriptions (staff only) does not describe.
const otherRoleDescriptions: Record<Exclude<Role, (typeof staffRoles)[number]>, string> = {
  customer: 'A member of the public signed in to the portal: their own records only.',
  system: "Caseline's own jobs and the operator's command line on the server's machine.",
};

function fieldsOf(notice: Notice['recordTypes'][number]): FieldFacts[] {
  return Object.entries(notice.fields).map(([name, fieldClass]) => ({
    name,
    fieldClass,
    mask: fieldClass === 'sensitive' ? 'full' : (notice.masked?.[name] ?? null),
  }));
}

function tableFacts(name: string, decl: Extract<TableDecl, { personal: true }>): TableFacts {
  const columns = Object.fromEntries(
    fieldClasses.map((fieldClass) => [fieldClass, Object.keys(decl.columns).filter((column) => decl.columns[column] === fieldClass)]),
  ) as Record<FieldClass, string[]>;
  return { name, heldFor: decl.notice, description: decl.description, columns };
}

/** The facts of the catalog a privacy impact assessment reports: every notice, record type and personal table. */
export function catalogFacts(notices: readonly Notice[], tables: Readonly<Record<string, TableDecl>>): CatalogFacts {
  const personal = Object.entries(personalTables(tables)).map(([name, decl]) => tableFacts(name, decl));
  const noticeIds = new Set<string>(notices.map((notice) => notice.id));
  return {
    notices: notices.map((notice) => ({
      id: notice.id,
      designation: notice.designation,
      name: notice.name,
      authority: notice.authority,
      purposes: notice.purposes,
      categoriesOfIndividuals: notice.categoriesOfIndividuals,
      categoriesOfRecords: notice.categoriesOfRecords,
      recordSourceCategories: notice.recordSourceCategories,
      routineUses: notice.routineUses,
      retrieval: notice.retrieval.text,
      retrievalKeys: notice.retrieval.keys,
      retentionPreamble: notice.retentionPreamble ?? null,
      disposal: notice.disposal,
      safeguards: notice.safeguards,
      recordAccessProcedures: notice.recordAccessProcedures,
      contestingRecordProcedures: notice.contestingRecordProcedures,
      notificationProcedures: notice.notificationProcedures,
      exemptions: notice.exemptions,
      history: notice.history,
      recordTypes: notice.recordTypes.map((recordType) => ({
        id: recordType.id,
        name: recordType.name,
        categories: recordType.categories,
        retentionRule: recordType.retention,
        retention: describeRetention(recordType.retention),
        retentionStatement: recordType.retentionStatement,
        retrievalKeys: recordType.retrievalKeys,
        fields: fieldsOf(recordType),
      })),
      tables: personal.filter((table) => table.heldFor === notice.id),
    })),
    otherTables: personal.filter((table) => !noticeIds.has(table.heldFor)),
  };
}

/** Every role of the authorization matrix with the actions it is granted, in the matrix's order. */
export function roleFacts(): readonly RoleFacts[] {
  return (Object.keys(matrix) as Role[]).map((role) => ({
    role,
    description: role === 'customer' || role === 'system' ? otherRoleDescriptions[role] : roleDescriptions[role],
    grants: Object.entries(matrix[role]).map(([action, relations]) => ({ action: action as Action, relations: relations ?? [] })),
    mfaRequired: role !== 'customer' && role !== 'system' && requiresMfa([role]),
  }));
}
