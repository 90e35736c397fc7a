import type { DeliveryPreferences, DeliveryPreferencesInput, DeliveryRequest, NewPickup, NewRedelivery } from '../api/delivery-services.ts';
import type { PortalAddress } from './changeOfAddressApi.ts';
import { call } from './portalApi.ts';

/** Shapes of src/http/routes/portal-delivery-services.ts: a request as the customer sees it (no staff, no stored address parts). */
export type PortalDeliveryRequest = Omit<DeliveryRequest, 'customerId' | 'address' | 'statusBy' | 'statusAt' | 'enteredBy'> & {
  readonly address: PortalAddress;
};

export const deliveryServicesApi = {
  redeliveries: () => call<PortalDeliveryRequest[]>('GET', '/redeliveries'),
  pickups: () => call<PortalDeliveryRequest[]>('GET', '/pickups'),
  requestRedelivery: (body: NewRedelivery) => call<PortalDeliveryRequest>('POST', '/redeliveries', { body }),
  schedulePickup: (body: NewPickup) => call<PortalDeliveryRequest>('POST', '/pickups', { body }),
  cancel: (id: string) => call<PortalDeliveryRequest>('POST', `/delivery-requests/${encodeURIComponent(id)}/cancel`),
  preferences: () => call<DeliveryPreferences>('GET', '/delivery-preferences'),
  savePreferences: (body: DeliveryPreferencesInput) => call<DeliveryPreferences>('PUT', '/delivery-preferences', { body }),
};
