export {
  createCustomerService,
  CustomerConflict,
  CustomerNotFound,
  type CustomerRead,
  type CustomerService,
  type HistoryEntry,
} from './customer-service.ts';
export {
  createCustomerFinder,
  searchKeys,
  WeakLookup,
  type AddressQuery,
  type CustomerFinder,
  type CustomerSearch,
  type KeyResolver,
  type ResolvedKind,
  type LookupResult,
  type PossibleDuplicate,
  type SearchKey,
} from './customer-finder.ts';
export {
  createCustomerMerger,
  undoWindowDays,
  type CustomerMerger,
  type LinkedRecords,
  type MergeRecord,
  type MergeResult,
} from './customer-merge.ts';
export { InvalidCustomerField } from './customer-records.ts';
export {
  customerFieldNames,
  customerFields,
  describeFields,
  fieldClass,
  fieldMask,
  type CustomerField,
  type CustomerKind,
  type FieldDescription,
} from './customer-fields.ts';
export {
  contactRelationships,
  type ContactRelationship,
  type Customer,
  type CustomerSummary,
  type CustomerValue,
  type KeyContact,
  type NewContact,
  type NewCustomer,
  type NewValue,
  type RecordSource,
} from './customer.ts';
export { importCustomers, ImportRejected, maxImportRows, type ImportOptions, type ImportReport } from './import/import-customers.ts';
export { CsvSyntaxError } from './import/parse-csv.ts';
export { ImportHeaderError, importColumnHelp, type RowProblem } from './import/import-rows.ts';
export { contactInsert, recordContact, type ContactEntry } from './contact-history.ts';
export { fieldsIndexedAs, refreshIndexTerms, type IndexRefresh } from './refresh-index-terms.ts';
export type { NormalisedAddress } from './address/index.ts';
export { AddressError, normaliseAddress, type AddressInput } from './address/index.ts';
export { primaryValue } from './primary-value.ts';
