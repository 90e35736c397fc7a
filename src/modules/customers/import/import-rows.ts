import { customerFieldNames, isCustomerField, type CustomerField, type CustomerKind } from '../customer-fields.ts';
import { InvalidCustomerField, parseValues } from '../customer-records.ts';
import type { NewValue } from '../customer.ts';
import type { CsvRecord } from './parse-csv.ts';

export interface RowProblem {
  /** The file's line number of the row (1 is the header). */
  readonly line: number;
  /** The column header at fault ('' for the row as a whole). */
  readonly column: string;
  readonly message: string;
}

export interface ImportRow {
  readonly line: number;
  readonly kind: CustomerKind;
  readonly values: readonly NewValue[];
}

const addressParts = ['lines', 'city', 'state', 'zip'] as const;
type AddressPart = (typeof addressParts)[number];

/** What a header cell means: `kind`, a field (`email`), a labelled field (`phone:mobile`), or an address part (`mailing_address:home.zip`). */
type Column =
  | { readonly header: string; readonly role: 'kind' }
  | { readonly header: string; readonly role: 'value'; readonly field: CustomerField; readonly label: string | null }
  | { readonly header: string; readonly role: 'address'; readonly label: string | null; readonly part: AddressPart };

const headerPattern = /^([a-z_]+)(?::([a-z_]+))?(?:\.([a-z]+))?$/u;

export class ImportHeaderError extends Error {
  readonly column: string;
  readonly reason: string;
  constructor(column: string, reason: string) {
    super(`${column}: ${reason}`);
    this.column = column;
    this.reason = reason;
  }
}

export const importColumnHelp = `columns: kind (person or organisation, default person), any of ${customerFieldNames
  .filter((f) => f !== 'mailing_address')
  .join(
    ', ',
  )}, optionally with a label (phone:mobile), and mailing_address.lines/.city/.state/.zip (optionally mailing_address:home.lines …)`;

function readHeader(header: readonly string[]): Column[] {
  const seen = new Set<string>();
  return header.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) throw new ImportHeaderError(name, 'appears twice');
    seen.add(name);
    if (name === 'kind') return { header: name, role: 'kind' };
    const match = headerPattern.exec(name);
    if (!match || !isCustomerField(match[1]!)) throw new ImportHeaderError(name, `is not a column this import knows (${importColumnHelp})`);
    const field = match[1] as CustomerField;
    const label = match[2] ?? null;
    if (field === 'mailing_address') {
      const part = match[3] as AddressPart | undefined;
      if (!part || !addressParts.includes(part))
        throw new ImportHeaderError(name, 'an address column ends in .lines, .city, .state or .zip');
      return { header: name, role: 'address', label, part };
    }
    if (match[3] !== undefined) throw new ImportHeaderError(name, 'only mailing_address columns have parts');
    return { header: name, role: 'value', field, label };
  });
}

/**
 * Turns CSV records (the first one the header) into customers to create, checking every
 * value as registration would; returns the rows and, separately, every problem found, so
 * that one report names them all.
 */
export function readImportRows(records: readonly CsvRecord[]): { rows: ImportRow[]; problems: RowProblem[] } {
  const [header, ...data] = records;
  if (!header) throw new ImportHeaderError('', 'the file is empty: the first line must name the columns');
  const columns = readHeader(header.fields);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of data) {
    const rowProblems: RowProblem[] = [];
    if (record.fields.length !== columns.length) {
      problems.push({
        line: record.line,
        column: '',
        message: `has ${record.fields.length} fields where the header has ${columns.length}`,
      });
      continue;
    }
    const cell = (i: number) => record.fields[i]!.trim();
    const kindIndex = columns.findIndex((c) => c.role === 'kind');
    const kindText = kindIndex === -1 ? '' : cell(kindIndex);
    if (kindText !== '' && kindText !== 'person' && kindText !== 'organisation')
      rowProblems.push({ line: record.line, column: 'kind', message: 'must be person or organisation' });
    const kind: CustomerKind = kindText === 'organisation' ? 'organisation' : 'person';

    const values: NewValue[] = [];
    const valueColumns: string[][] = [];
    const addresses = new Map<string, Partial<Record<AddressPart, string>>>();
    const addressColumns = new Map<string, string[]>();
    columns.forEach((column, i) => {
      const text = cell(i);
      if (column.role === 'kind' || text === '') return;
      if (column.role === 'value') {
        values.push({ field: column.field, value: text, label: column.label });
        valueColumns.push([column.header]);
      } else {
        const key = column.label ?? '';
        addresses.set(key, { ...addresses.get(key), [column.part]: text });
        addressColumns.set(key, [...(addressColumns.get(key) ?? []), column.header]);
      }
    });
    for (const [label, parts] of addresses) {
      values.push({
        field: 'mailing_address',
        value: { lines: parts.lines ?? '', city: parts.city ?? '', state: parts.state ?? '', zip: parts.zip ?? '' },
        label: label === '' ? null : label,
      });
      valueColumns.push(addressColumns.get(label)!);
    }
    const nameField = kind === 'person' ? 'customer_name' : 'company_name';
    if (!values.some((v) => v.field === nameField))
      rowProblems.push({ line: record.line, column: nameField, message: `a ${kind} needs a ${nameField}` });
    // Checked one value at a time, so that the report names every bad cell, not only the first.
    values.forEach((value, i) => {
      try {
        parseValues(kind, [value]);
      } catch (error) {
        if (!(error instanceof InvalidCustomerField)) throw error;
        const part = /\/value\/(lines|city|state|zip)$/u.exec(error.field)?.[1];
        const columnsOfValue = valueColumns[i]!;
        const column = (part && columnsOfValue.find((c) => c.endsWith(`.${part}`))) ?? columnsOfValue[0]!;
        rowProblems.push({ line: record.line, column, message: error.reason });
      }
    });
    if (rowProblems.length === 0) {
      try {
        parseValues(kind, values);
        rows.push({ line: record.line, kind, values });
      } catch (error) {
        if (!(error instanceof InvalidCustomerField)) throw error;
        rowProblems.push({ line: record.line, column: '', message: error.message });
      }
    }
    problems.push(...rowProblems);
  }
  return { rows, problems };
}
