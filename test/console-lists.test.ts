import { describe, expect, it } from 'vitest';
import {
  casePriorities,
  caseRecordTypes,
  detectableLanguages,
  openStatuses,
  resolutionCodes,
  statusTransitions,
} from '../src/modules/cases/index.ts';
import { macroStatuses, placeholderNames } from '../src/modules/macros/index.ts';
import * as consoleCases from '../web/src/api/cases.ts';
import * as consoleGrants from '../web/src/api/grants.ts';
import { matrix, recordActions, systemActions } from '../src/access/matrix.ts';
import { staffRoles } from '../src/access/roles.ts';
import * as consoleMacros from '../web/src/api/macros.ts';
import * as consoleRouting from '../web/src/api/routing.ts';

// The console keeps its own copies of a few of the server's lists (it cannot import server
// modules: they bring Node's types into the browser build). These are held to the server's
// here, so a change on one side that the other lacks fails the suite instead of a form.
const sorted = (values: Iterable<string>) => [...values].sort();

describe("the console's copies of the server's lists", () => {
  it('match the case statuses, their transitions, priorities, resolution codes and record types', () => {
    expect(consoleCases.statusTransitions).toEqual(statusTransitions);
    expect(sorted(consoleCases.casePriorities)).toEqual(sorted(casePriorities));
    expect(sorted(consoleCases.resolutionCodes)).toEqual(sorted(resolutionCodes));
    expect(sorted(Object.keys(consoleCases.caseRecordTypes))).toEqual(sorted(Object.keys(caseRecordTypes)));
  });

  it('match the macros’ statuses and placeholders, and the languages routing detects', () => {
    expect(sorted(consoleMacros.macroStatuses)).toEqual(sorted(macroStatuses));
    expect(sorted(consoleMacros.macroPlaceholders.map((p) => p.name))).toEqual(sorted(placeholderNames));
    expect(sorted(consoleRouting.routingLanguages.map((l) => l.code))).toEqual(sorted(detectableLanguages));
  });

  it('show every open status as a workload column', async () => {
    const source = await import('node:fs/promises').then((fs) =>
      fs.readFile(new URL('../web/src/supervisor/WorkloadPage.tsx', import.meta.url), 'utf8'),
    );
    const columns = /const openColumns[^=]*=\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
    expect(sorted(columns.match(/'[a-z_]+'/g)!.map((s) => s.slice(1, -1)))).toEqual(sorted(openStatuses));
  });

  it('match the actions an API token may be scoped to, and what each staff role holds', () => {
    expect([...consoleGrants.recordActions]).toEqual([...recordActions]);
    expect([...consoleGrants.systemActions]).toEqual([...systemActions]);
    for (const role of staffRoles) {
      const held = Object.entries(matrix[role])
        .filter(([, relations]) => relations.length > 0)
        .map(([action]) => action);
      expect([...consoleGrants.actionsByRole[role]].sort(), role).toEqual(held.sort());
    }
  });
});
