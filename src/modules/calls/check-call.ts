import { InvalidIndexValueError, normalisePhone } from '../../crypto/index.ts';
import { callDirections, callDispositions, maxCallSeconds, type CallDisposition, type NewCall } from './call.ts';

/** A value the call cannot take; `field` is its path in the input ('durationSeconds', 'openCase/title'); the message never repeats it. */
export class InvalidCallField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** A clock a few minutes fast on the agent's machine is not an error; a call next week is. */
const futureSlackMs = 5 * 60_000;

export interface CheckedCall {
  readonly number: string | null;
  readonly notes: string | null;
  readonly disposition: CallDisposition;
  readonly startedAt: Date;
}

/** Validates and normalises what the agent entered; InvalidCallField names the first bad field. Pure. */
export function checkCall(input: NewCall, now: Date): CheckedCall {
  if (!(callDirections as readonly string[]).includes(input.direction))
    throw new InvalidCallField('direction', `must be one of ${callDirections.join(', ')}`);
  if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 0 || input.durationSeconds > maxCallSeconds)
    throw new InvalidCallField('durationSeconds', `must be a whole number of seconds from 0 to ${maxCallSeconds}`);
  if (input.openCase && input.caseId) throw new InvalidCallField('caseId', 'give either openCase or caseId, not both');
  const disposition = input.disposition ?? (input.openCase ? 'case_opened' : input.caseId ? 'case_updated' : undefined);
  if (disposition === undefined || !(callDispositions as readonly string[]).includes(disposition))
    throw new InvalidCallField('disposition', `must be one of ${callDispositions.join(', ')}`);
  let number: string | null = null;
  if (input.number !== null && input.number.trim() !== '') {
    try {
      number = normalisePhone(input.number);
    } catch (error) {
      if (error instanceof InvalidIndexValueError) throw new InvalidCallField('number', 'is not a valid phone number');
      throw error;
    }
  }
  const notes = input.notes?.trim() || null;
  if (notes !== null && notes.length > 20_000) throw new InvalidCallField('notes', 'must be at most 20000 characters');
  const startedAt = input.startedAt ?? new Date(now.getTime() - input.durationSeconds * 1000);
  if (Number.isNaN(startedAt.getTime())) throw new InvalidCallField('startedAt', 'is not a date');
  if (startedAt.getTime() > now.getTime() + futureSlackMs) throw new InvalidCallField('startedAt', 'is in the future');
  return { number, notes, disposition, startedAt };
}
