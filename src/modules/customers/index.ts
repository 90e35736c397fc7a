export {
  createCustomerService,
  CustomerNotFound,
  InvalidCustomerField,
  WeakLookup,
  type CustomerSearch,
  type CustomerRead,
  type CustomerService,
  type LookupResult,
  type PossibleDuplicate,
} from './customer-service.ts';
export { mask, type Customer, type NewCustomer } from './customer.ts';
