// The tracking alerts part of the tracking module: customers' subscriptions to a piece's scans, and the dispatcher that sends them.
export {
  createAlertDispatcher,
  startAlertSchedule,
  type AlertDispatcher,
  type AlertDispatcherOptions,
  type AlertMailer,
  type AlertSchedule,
  type DispatchRound,
} from './alert-dispatcher.ts';
export { maxEmailLength } from './check-tracking-alert.ts';
export { maskedPiece, renderAlert, type AlertEvent, type RenderedAlert } from './render-alert.ts';
export { trackingAlertMover } from './tracking-alert-mover.ts';
export { createTrackingAlertService, maxListed, trackingAlertRecordType, type TrackingAlertService } from './tracking-alert-service.ts';
export {
  alertChannels,
  alertEventSets,
  cellCarriers,
  InvalidTrackingAlertField,
  TrackingAlertNotFound,
  type AlertChannel,
  type AlertEventSet,
  type CellCarrier,
  type NewTrackingAlert,
  type PieceEvent,
  type TrackingAlert,
} from './tracking-alert.ts';
