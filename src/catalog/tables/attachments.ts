import type { TableDecl } from '../types.ts';

export const attachmentTables: Readonly<Record<string, TableDecl>> = {};
