import type { TableDecl } from '../types.ts';

export const callTables: Readonly<Record<string, TableDecl>> = {};
