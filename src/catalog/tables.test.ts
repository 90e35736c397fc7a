import { describe, expect, it } from 'vitest';
import { fieldClasses, fieldClassOf, findNotice, isSensitiveField, personalTables, tables } from './index.ts';
import { declareTables } from './tables.ts';
import type { TableDecl } from './index.ts';

const registry = declareTables(
  {
    letters: {
      personal: true,
      notice: '880.000',
      description: 'Letters',
      columns: { id: 'operational', writer_name: 'identifier', body: 'content', ssn_last4: 'sensitive' },
    },
  },
  { job_queue: { personal: false, description: 'Jobs', reason: 'Ids and timings only' } },
);

describe('declareTables', () => {
  it('merges the groups of declarations', () => {
    expect(Object.keys(registry).sort()).toEqual(['job_queue', 'letters']);
  });

  it('refuses a table declared by two owners', () => {
    const twice: Record<string, TableDecl> = { letters: { personal: false, description: 'x', reason: 'y' } };
    expect(() => declareTables(registry, twice)).toThrow('Table "letters" is declared twice in the catalog');
  });
});

describe('table lookups', () => {
  it('lists the personal tables only', () => {
    expect(Object.keys(personalTables(registry))).toEqual(['letters']);
  });

  it('classifies declared columns and leaves undeclared ones unknown', () => {
    expect(fieldClassOf('letters', 'writer_name', registry)).toBe('identifier');
    expect(fieldClassOf('letters', 'body', registry)).toBe('content');
    expect(fieldClassOf('letters', 'undeclared', registry)).toBeUndefined();
    expect(fieldClassOf('letters', 'constructor', registry)).toBeUndefined();
    expect(fieldClassOf('no_such_table', 'id', registry)).toBeUndefined();
    expect(fieldClassOf('toString', 'id', registry)).toBeUndefined();
    expect(fieldClassOf('job_queue', 'payload', registry)).toBe('operational');
  });

  it('tells sensitive fields apart', () => {
    expect(isSensitiveField('letters', 'ssn_last4', registry)).toBe(true);
    expect(isSensitiveField('letters', 'writer_name', registry)).toBe(false);
    expect(isSensitiveField('letters', 'undeclared', registry)).toBe(false);
  });
});

describe('the registry', () => {
  it('declares the foundation tables', () => {
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['data_subjects', 'subject_keys', 'blind_index', 'staff_users', 'audit_log', 'business_areas']),
    );
    expect(isSensitiveField('staff_users', 'password_hash')).toBe(true);
    expect(fieldClassOf('audit_log', 'client_addr')).toBe('identifier');
  });

  it('names a real notice and a valid class for every personal column', () => {
    for (const [name, decl] of Object.entries(personalTables())) {
      if (decl.notice !== 'staff' && decl.notice !== 'system') expect(findNotice(decl.notice), name).toBeDefined();
      expect(Object.keys(decl.columns).length, name).toBeGreaterThan(0);
      for (const fieldClass of Object.values(decl.columns)) expect(fieldClasses).toContain(fieldClass);
    }
    for (const [name, decl] of Object.entries(tables)) {
      if (!decl.personal) expect(decl.reason.length, name).toBeGreaterThan(0);
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(tables)).toBe(true);
  });
});
