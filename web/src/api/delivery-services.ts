import { api } from './client.ts';
import type { NormalisedAddress } from './changes-of-address.ts';

/**
 * Shapes of src/http/routes/delivery-services.ts; the lists are copies of
 * src/modules/tracking/delivery-services/delivery-services.ts (the console cannot import server modules).
 */
export const redeliveryOptions = ['deliver', 'post_office'] as const;
export type RedeliveryOption = (typeof redeliveryOptions)[number];
export const premisesLocations = [
  'front_door',
  'back_door',
  'side_door',
  'knock_ring',
  'mail_room',
  'office_reception',
  'mailbox',
  'other',
] as const;
export type PremisesLocation = (typeof premisesLocations)[number];
export const whenAbsentOptions = ['leave_at_door', 'hold_at_post_office', 'redeliver', 'signature_required'] as const;
export type WhenAbsent = (typeof whenAbsentOptions)[number];
export const contactMeans = ['email', 'phone', 'mail', 'fax', 'text_message', 'none'] as const;
export type ContactMeans = (typeof contactMeans)[number];
export type DeliveryRequestStatus = 'requested' | 'cancelled' | 'completed';

export const redeliveryOptionLabels: Readonly<Record<RedeliveryOption, string>> = {
  deliver: 'Deliver to the address',
  post_office: 'Collect at the Post Office',
};
export const locationLabels: Readonly<Record<PremisesLocation, string>> = {
  front_door: 'Front door',
  back_door: 'Back door',
  side_door: 'Side door',
  knock_ring: 'Knock on door or ring bell',
  mail_room: 'Mail room',
  office_reception: 'Office or reception',
  mailbox: 'In or at the mailbox',
  other: 'Other (say where in the instructions)',
};
export const whenAbsentLabels: Readonly<Record<WhenAbsent, string>> = {
  leave_at_door: 'Leave it at the door',
  hold_at_post_office: 'Hold it at the Post Office',
  redeliver: 'Bring it again the next delivery day',
  signature_required: 'Always ask for a signature',
};
export const contactLabels: Readonly<Record<ContactMeans, string>> = {
  email: 'E-mail',
  phone: 'Phone',
  mail: 'Mail',
  fax: 'Fax',
  text_message: 'Text message',
  none: 'No contact',
};
export const statusLabels: Readonly<Record<DeliveryRequestStatus, string>> = {
  requested: 'Requested',
  cancelled: 'Cancelled',
  completed: 'Completed',
};
/** ISO weekday numbers: 1 Monday … 6 Saturday (no delivery on Sunday). */
export const dayLabels: Readonly<Record<number, string>> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
};

export interface DeliveryRequest {
  readonly id: string;
  readonly customerId: string;
  readonly kind: 'redelivery' | 'pickup';
  readonly articleNumbers: readonly string[];
  readonly address: NormalisedAddress;
  readonly date: string;
  readonly option: RedeliveryOption | null;
  readonly pickupNumber: string | null;
  readonly packageCount: number | null;
  readonly totalWeightLb: number | null;
  readonly location: PremisesLocation | null;
  readonly instructions: string | null;
  readonly status: DeliveryRequestStatus;
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  readonly enteredBy: string;
  readonly createdAt: string;
}

export interface NewRedelivery {
  readonly articleNumbers: readonly string[];
  readonly date: string;
  readonly option: RedeliveryOption;
  readonly location?: PremisesLocation | null;
  readonly instructions?: string | null;
}

export interface NewPickup {
  readonly date: string;
  readonly packageCount: number;
  readonly totalWeightLb: number;
  readonly location: PremisesLocation;
  readonly instructions?: string | null;
}

export interface DeliveryPreferencesInput {
  readonly whenAbsent: WhenAbsent | null;
  readonly deliveryDays: readonly number[];
  readonly preferredContact: ContactMeans | null;
  readonly dropShipCodes: readonly string[];
  readonly instructions: string | null;
}

export interface DeliveryPreferences extends DeliveryPreferencesInput {
  readonly updatedAt: string | null;
}

const base = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

export const listRedeliveries = (customerId: string) => api.get<DeliveryRequest[]>(`${base(customerId)}/redeliveries`);
export const listPickups = (customerId: string) => api.get<DeliveryRequest[]>(`${base(customerId)}/pickups`);
export const requestRedelivery = (customerId: string, body: NewRedelivery) =>
  api.post<DeliveryRequest>(`${base(customerId)}/redeliveries`, body);
export const schedulePickup = (customerId: string, body: NewPickup) => api.post<DeliveryRequest>(`${base(customerId)}/pickups`, body);
export const cancelDeliveryRequest = (id: string) => api.post<DeliveryRequest>(`/api/delivery-requests/${encodeURIComponent(id)}/cancel`);
export const completeDeliveryRequest = (id: string) =>
  api.post<DeliveryRequest>(`/api/delivery-requests/${encodeURIComponent(id)}/complete`);
export const fetchDeliveryPreferences = (customerId: string) => api.get<DeliveryPreferences>(`${base(customerId)}/delivery-preferences`);
export const saveDeliveryPreferences = (customerId: string, body: DeliveryPreferencesInput) =>
  api.put<DeliveryPreferences>(`${base(customerId)}/delivery-preferences`, body);
