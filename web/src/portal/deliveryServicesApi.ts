import type { ContactMeans, DeliveryRequestStatus, PremisesLocation, RedeliveryOption, WhenAbsent } from '../api/delivery-services.ts';
import { call } from './portalApi.ts';

/** Shapes of src/http/routes/portal-delivery-services.ts. */
export interface PortalDeliveryRequest {
  readonly id: string;
  readonly kind: 'redelivery' | 'pickup';
  readonly articleNumbers: readonly string[];
  readonly date: string;
  readonly option: RedeliveryOption | null;
  readonly pickupNumber: string | null;
  readonly packageCount: number | null;
  readonly totalWeightLb: number | null;
  readonly location: PremisesLocation | null;
  readonly instructions: string | null;
  readonly status: DeliveryRequestStatus;
  readonly createdAt: string;
  readonly address: { readonly deliveryLine: string; readonly lastLine: string };
}

export interface PortalDeliveryPreferences {
  readonly whenAbsent: WhenAbsent | null;
  readonly deliveryDays: readonly number[];
  readonly preferredContact: ContactMeans | null;
  readonly dropShipCodes: readonly string[];
  readonly instructions: string | null;
  readonly updatedAt: string | null;
}

export const deliveryServicesApi = {
  redeliveries: () => call<PortalDeliveryRequest[]>('GET', '/redeliveries'),
  pickups: () => call<PortalDeliveryRequest[]>('GET', '/pickups'),
  requestRedelivery: (body: {
    articleNumbers: readonly string[];
    date: string;
    option: RedeliveryOption;
    location: PremisesLocation | null;
    instructions: string | null;
  }) => call<PortalDeliveryRequest>('POST', '/redeliveries', { body }),
  schedulePickup: (body: {
    date: string;
    packageCount: number;
    totalWeightLb: number;
    location: PremisesLocation;
    instructions: string | null;
  }) => call<PortalDeliveryRequest>('POST', '/pickups', { body }),
  cancel: (id: string) => call<PortalDeliveryRequest>('POST', `/delivery-requests/${encodeURIComponent(id)}/cancel`),
  preferences: () => call<PortalDeliveryPreferences>('GET', '/delivery-preferences'),
  savePreferences: (body: Omit<PortalDeliveryPreferences, 'updatedAt'>) =>
    call<PortalDeliveryPreferences>('PUT', '/delivery-preferences', { body }),
};
