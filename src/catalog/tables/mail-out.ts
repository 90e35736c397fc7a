import type { TableDecl } from '../types.ts';

export const mailOutTables: Readonly<Record<string, TableDecl>> = {};
