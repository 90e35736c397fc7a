// The delivery-services part of the tracking module: redelivery after a missed delivery, package pickups and each customer's delivery preferences (820.200).
export {
  createDeliveryServices,
  DeliveryRequestConflict,
  DeliveryRequestNotFound,
  deliveryPreferencesRecordType,
  deliveryRequestRecordType,
  type DeliveryServices,
  type DeliveryServicesOptions,
} from './delivery-services-service.ts';
export {
  checkPickup,
  checkPreferences,
  checkRedelivery,
  InvalidDeliveryField,
  maxArticleNumbers,
  maxDaysAhead as maxDeliveryDaysAhead,
  maxDropShipCodes,
  maxInstructionsLength,
  maxPackages,
  maxPoundsPerPackage,
} from './check-delivery-request.ts';
export {
  contactMeans,
  deliveryRequestKinds,
  deliveryRequestStatuses,
  premisesLocations,
  redeliveryOptions,
  whenAbsentOptions,
  type ContactMeans,
  type DeliveryDay,
  type DeliveryPreferences,
  type DeliveryPreferencesInput,
  type DeliveryRequest,
  type DeliveryRequestKind,
  type DeliveryRequestStatus,
  type NewPickup,
  type NewRedelivery,
  type PremisesLocation,
  type RedeliveryOption,
  type WhenAbsent,
} from './delivery-services.ts';
export { deliveryPreferencesMover, deliveryRequestMover } from './delivery-merge-mover.ts';
export { entryFacilityTypes, normaliseDropShipCode } from './drop-ship-code.ts';
export { checkPickupNumber } from './pickup-number.ts';
