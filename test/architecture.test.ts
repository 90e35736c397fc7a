import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout's rules (DESIGN.md, STYLE.md), checked on the import graph of src/:
// no circular imports, and a capability is used from outside only through its index.ts.
const root = path.resolve(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const importPattern = /^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => path.resolve(path.dirname(file), m[1]!));
}

const files = sourceFiles(root);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The capability a file belongs to: src/modules/<name>, or src/<folder> for catalog, crypto, access, db. */
function capabilityOf(file: string): string | null {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  if (['catalog', 'crypto', 'access', 'db'].includes(parts[0]!) && parts.length > 1) return parts[0]!;
  return null;
}

describe('architecture', () => {
  it('has no circular imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('reaches into another capability only through its index.ts', () => {
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const from = capabilityOf(file);
      for (const target of imports) {
        const to = capabilityOf(target);
        if (to === null || to === from) continue;
        // access/audit is part of access; access/index.ts re-exports it.
        if (path.basename(target) !== 'index.ts' || path.dirname(target) !== path.join(root, to)) {
          violations.push(`${path.relative(root, file)} imports ${path.relative(root, target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('opens database connections only in src/db', () => {
    const offenders = files.filter((f) => capabilityOf(f) !== 'db' && /from 'pg'|@electric-sql\/pglite/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
