import type { TableDecl } from '../types.ts';

export const macroTables: Readonly<Record<string, TableDecl>> = {};
