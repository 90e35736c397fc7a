import type { TableDecl } from '../types.ts';

export const surveyTables: Readonly<Record<string, TableDecl>> = {};
