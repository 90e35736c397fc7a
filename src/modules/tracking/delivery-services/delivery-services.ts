import { customerFields, type AddressInput, type NormalisedAddress } from '../../customers/index.ts';

/** A redelivery after a missed delivery (PS Form 3849 left), or a package pickup from the customer's premises. */
export const deliveryRequestKinds = ['redelivery', 'pickup'] as const;
export type DeliveryRequestKind = (typeof deliveryRequestKinds)[number];

/** Brought back to the address, or collected by the customer at the Post Office on the day (usps.com Redelivery's two choices). */
export const redeliveryOptions = ['deliver', 'post_office'] as const;
export type RedeliveryOption = (typeof redeliveryOptions)[number];

/** Where on the premises the carrier leaves a redelivered package or finds the packages to pick up (USPS Package Pickup's list). */
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

/** requested: the delivery unit has it to do; cancelled by the customer or an agent; completed once the carrier did it. */
export const deliveryRequestStatuses = ['requested', 'cancelled', 'completed'] as const;
export type DeliveryRequestStatus = (typeof deliveryRequestStatuses)[number];

/** What the carrier does with a package when nobody is home to take it. */
export const whenAbsentOptions = ['leave_at_door', 'hold_at_post_office', 'redeliver', 'signature_required'] as const;
export type WhenAbsent = (typeof whenAbsentOptions)[number];

/** The registry's own list for its preferred_contact field, so both say the same thing. */
export const contactMeans = customerFields.preferred_contact.choices;
export type ContactMeans = (typeof contactMeans)[number];

/** ISO weekday numbers, 1 Monday to 6 Saturday: there is no package delivery on Sunday to prefer. */
export type DeliveryDay = 1 | 2 | 3 | 4 | 5 | 6;

export interface NewRedelivery {
  /** The article numbers, at least the one on the notice left (PS Form 3849), as typed. */
  readonly articleNumbers: readonly string[];
  /** 'YYYY-MM-DD' in the agency's calendar: from tomorrow up to 30 days ahead, not a Sunday. */
  readonly date: string;
  readonly option: RedeliveryOption;
  /** Where the address is; null or omitted: the customer's primary mailing address of record. */
  readonly address?: AddressInput | null;
  /** Delivered to the address only: where to leave it. */
  readonly location?: PremisesLocation | null;
  readonly instructions?: string | null;
}

export interface NewPickup {
  /** 'YYYY-MM-DD': from the next delivery day up to 30 days ahead, not a Sunday or a federal holiday. */
  readonly date: string;
  readonly packageCount: number;
  /** Estimated total weight of all the packages, in whole pounds. */
  readonly totalWeightLb: number;
  readonly location: PremisesLocation;
  readonly instructions?: string | null;
  /** The packages' article numbers if the customer has them; none is fine. */
  readonly articleNumbers?: readonly string[];
  readonly address?: AddressInput | null;
}

export interface DeliveryRequest {
  readonly id: string;
  readonly customerId: string;
  readonly businessArea: string | null;
  readonly kind: DeliveryRequestKind;
  readonly articleNumbers: readonly string[];
  readonly address: NormalisedAddress;
  /** The redelivery or pickup day, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly option: RedeliveryOption | null;
  readonly pickupNumber: string | null;
  readonly packageCount: number | null;
  readonly totalWeightLb: number | null;
  readonly location: PremisesLocation | null;
  readonly instructions: string | null;
  readonly status: DeliveryRequestStatus;
  /** Who cancelled or completed it, and when; null while requested. */
  readonly statusBy: string | null;
  readonly statusAt: Date | null;
  readonly enteredBy: string;
  readonly createdAt: Date;
  /** Null until the customer relationship ends: the record type is kept 4 years after that (seed 001). */
  readonly disposeAfter: Date | null;
}

export interface DeliveryPreferencesInput {
  readonly whenAbsent: WhenAbsent | null;
  readonly deliveryDays: readonly number[];
  readonly preferredContact: ContactMeans | null;
  readonly dropShipCodes: readonly string[];
  readonly instructions: string | null;
}

/** The preferences as stored: the input checked, its days named. */
export interface DeliveryPreferences extends Omit<DeliveryPreferencesInput, 'deliveryDays'> {
  readonly customerId: string;
  readonly deliveryDays: readonly DeliveryDay[];
  /** Null when the customer has set none yet (every field then empty). */
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}
