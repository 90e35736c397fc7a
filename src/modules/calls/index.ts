// The calls module's public face: phone calls agents log, each possibly opening or continuing a case.
export { callRecordType, CallNotFound, createCallService, type CallService, type CallServiceOptions } from './call-service.ts';
export { checkCall, InvalidCallField, type CheckedCall } from './check-call.ts';
export {
  callDirections,
  callDispositions,
  maxCallSeconds,
  type Call,
  type CallDirection,
  type CallDisposition,
  type CaseFromCall,
  type NewCall,
} from './call.ts';
export { callMover } from './call-merge-mover.ts';
