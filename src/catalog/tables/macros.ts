import type { TableDecl } from '../types.ts';

// Migration 0013_macros.
export const macroTables: Readonly<Record<string, TableDecl>> = {
  macros: {
    personal: false,
    description: 'Macros: reply templates with placeholders and canned case actions (status, priority, tags), by business area.',
    reason:
      'Describe kinds of answers and the staff ids who wrote them, about no data subject; customer and case values fill the placeholders only when a macro is used, and are not stored here.',
  },
};
