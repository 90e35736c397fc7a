export * from './retention/index.ts';
export * from './pia/index.ts';
export * from './requests/index.ts';
export * from './access-report/index.ts';
export * from './disclosures/index.ts';
export * from './notices/index.ts';
export { subjectBookkeeping, subjectRecordTables } from './subject-tables.ts';
export * from './incidents/index.ts';
