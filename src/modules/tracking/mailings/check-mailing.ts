import { localDateOf } from '../../../catalog/index.ts';
import { dayNumber, InvalidField, oneOf, parseIsoDate } from '../check-fields.ts';
import {
  entryPoints,
  mailClasses,
  permitTypes,
  presortLevels,
  processingCategories,
  replyKinds,
  type EntryPoint,
  type MailClass,
  type NewMailing,
  type PermitType,
  type PresortLevel,
  type ProcessingCategory,
  type ReplyMailpiece,
} from './mailing.ts';

/** A value the mailing cannot take, e.g. 'containerLabels/2'. */
export class InvalidMailingField extends InvalidField {}

/** A mailing as checkMailing leaves it: every optional field present, text normalised, so checking it again changes nothing. */
export interface CheckedMailing extends NewMailing {
  readonly serialFirst: number | null;
  readonly serialLast: number | null;
  readonly containerLabels: readonly string[];
  readonly dropShipCode: string | null;
  readonly appointmentAt: string | null;
  readonly reply: ReplyMailpiece | null;
  readonly problems: string | null;
}

/**
 * A statement is finalised before or on the day the mail is entered, and mailers plan up to a
 * month ahead; a mailing older than a year is history no one enters by hand.
 */
export const maxDaysAhead = 30;
export const maxDaysBack = 365;
/** The most pieces one postage statement takes here: a large national mailing, with room. */
export const maxPieceCount = 10_000_000;
/** A mailing of one statement stays below 1,000 short tons. */
export const maxWeightGrams = 1_000_000_000_000;
/** A billion dollars: far above any one statement, low enough to stay an exact number. */
export const maxPostageCents = 100_000_000_000;
/** Trays, sacks and pallets of one mailing. */
export const maxContainerLabels = 500;
export const maxProblemsLength = 4000;
/** An induction appointment is made for the mailing date or the days after it, within the month. */
export const maxAppointmentDays = 30;

// ISO 8601 with a zone: an appointment without one could be any of 24 hours.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const mailerIdPattern = /^([0-8]\d{5}|9\d{8})$/;

function whole(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidMailingField(field, 'must be a whole number');
  if (value < min || value > max) throw new InvalidMailingField(field, `must be from ${min} to ${max}`);
  return value;
}

/** Letters and spaces squeezed, upper case: how codes and numbers are printed on labels and statements. */
function code(field: string, value: unknown, pattern: RegExp, rule: string): string {
  if (typeof value !== 'string') throw new InvalidMailingField(field, rule);
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!pattern.test(compact)) throw new InvalidMailingField(field, rule);
  return compact;
}

const permitNumber = (field: string, value: unknown) => code(field, value, /^\d{1,8}$/, 'must be a permit number of 1 to 8 digits');

/** Which processing categories a class is mailed in (DMM: Periodicals and First-Class have no parcels here; BPM and Package Services no letters). */
const categoriesOf: Readonly<Record<MailClass, readonly ProcessingCategory[]>> = {
  first_class: ['letters', 'flats'],
  marketing: ['letters', 'flats', 'parcels'],
  periodicals: ['letters', 'flats'],
  bound_printed_matter: ['flats', 'parcels'],
  package_services: ['flats', 'parcels'],
};

/**
 * Validates and normalises a mailing as entered from its postage statement; InvalidMailingField
 * names the first bad field. `now` and `timeZone` give "today" in the agency's calendar. Pure.
 */
export function checkMailing(input: NewMailing, now: Date, timeZone: string): CheckedMailing {
  if (typeof input.mailingId !== 'string') throw new InvalidMailingField('mailingId', 'is required');
  const mailingId = input.mailingId.trim().replace(/\s+/g, ' ');
  if (mailingId === '' || mailingId.length > 40 || !/^[\p{L}\p{N} ._/#-]+$/u.test(mailingId))
    throw new InvalidMailingField('mailingId', 'must be 1 to 40 letters, digits, spaces or . _ / # -');

  const mailerId = code('mailerId', input.mailerId, mailerIdPattern, 'must be 6 digits not starting with 9, or 9 digits starting with 9');
  const postageStatement = code(
    'postageStatement',
    input.postageStatement,
    /^[0-9A-Z-]{1,20}$/,
    'must be 1 to 20 letters, digits or hyphens',
  );

  const today = dayNumber(localDateOf(now.getTime(), timeZone));
  const date = parseIsoDate(InvalidMailingField, 'mailingDate', input.mailingDate);
  const mailingDay = dayNumber(date);
  if (mailingDay > today + maxDaysAhead) throw new InvalidMailingField('mailingDate', `must be at most ${maxDaysAhead} days ahead`);
  if (mailingDay < today - maxDaysBack) throw new InvalidMailingField('mailingDate', `must be at most ${maxDaysBack} days in the past`);

  const mailClass = oneOf(InvalidMailingField, 'mailClass', input.mailClass, Object.keys(mailClasses) as MailClass[]);
  const processingCategory = oneOf(InvalidMailingField, 'processingCategory', input.processingCategory, processingCategories);
  if (!categoriesOf[mailClass].includes(processingCategory))
    throw new InvalidMailingField('processingCategory', `must be one of ${categoriesOf[mailClass].join(', ')} for that mail class`);
  if (typeof input.priceCategory !== 'string') throw new InvalidMailingField('priceCategory', 'is required');
  const priceCategory = input.priceCategory.trim().replace(/\s+/g, ' ');
  if (priceCategory === '' || priceCategory.length > 60 || !/^[\p{L}\p{N} ,.()/&+-]+$/u.test(priceCategory))
    throw new InvalidMailingField('priceCategory', 'must be 1 to 60 letters, digits, spaces or punctuation');
  const presortLevel = oneOf(InvalidMailingField, 'presortLevel', input.presortLevel, Object.keys(presortLevels) as PresortLevel[]);
  const pieceCount = whole('pieceCount', input.pieceCount, 1, maxPieceCount);

  // The IMb's serial field is 9 digits after a 6-digit Mailer ID and 6 after a 9-digit one.
  let serialFirst: number | null = null;
  let serialLast: number | null = null;
  if (processingCategory === 'parcels') {
    if (input.serialFirst != null) throw new InvalidMailingField('serialFirst', 'is for letters and flats (parcels carry an IMpb)');
    if (input.serialLast != null) throw new InvalidMailingField('serialLast', 'is for letters and flats (parcels carry an IMpb)');
  } else {
    const serialMax = mailerId.length === 9 ? 999_999 : 999_999_999;
    if (input.serialFirst == null) throw new InvalidMailingField('serialFirst', 'is required for letters and flats');
    serialFirst = whole('serialFirst', input.serialFirst, 0, serialMax);
    if (input.serialLast == null) throw new InvalidMailingField('serialLast', 'is required for letters and flats');
    serialLast = whole('serialLast', input.serialLast, 0, serialMax);
    if (serialLast < serialFirst) throw new InvalidMailingField('serialLast', 'must not be below serialFirst');
    if (serialLast - serialFirst + 1 < pieceCount)
      throw new InvalidMailingField('serialLast', 'the range must hold a serial for every piece of the count');
  }

  const weightGrams = whole('weightGrams', input.weightGrams, 1, maxWeightGrams);
  const postageCents = whole('postageCents', input.postageCents, 0, maxPostageCents);
  const permit = permitNumber('permitNumber', input.permitNumber);
  const permitType = oneOf<PermitType>(InvalidMailingField, 'permitType', input.permitType, permitTypes);

  const labels = input.containerLabels ?? [];
  if (!Array.isArray(labels)) throw new InvalidMailingField('containerLabels', 'must be a list');
  if (labels.length > maxContainerLabels) throw new InvalidMailingField('containerLabels', `must be at most ${maxContainerLabels}`);
  const containerLabels = labels.map((label: unknown, i) =>
    code(`containerLabels/${i}`, label, /^\d{24}$/, 'must be a 24-digit Intelligent Mail container barcode'),
  );
  const duplicate = containerLabels.findIndex((label, i) => containerLabels.indexOf(label) !== i);
  if (duplicate >= 0) throw new InvalidMailingField(`containerLabels/${duplicate}`, 'is listed twice');

  const entry = oneOf(InvalidMailingField, 'entry', input.entry, Object.keys(entryPoints) as EntryPoint[]);
  let dropShipCode: string | null = null;
  if (entry === 'origin') {
    if (input.dropShipCode != null && input.dropShipCode !== '')
      throw new InvalidMailingField('dropShipCode', 'is for destination entry only');
  } else {
    if (input.dropShipCode == null || input.dropShipCode === '')
      throw new InvalidMailingField('dropShipCode', 'is required for destination entry');
    dropShipCode = code('dropShipCode', input.dropShipCode, /^[0-9A-Z]{1,12}$/, 'must be 1 to 12 letters or digits');
  }

  let appointmentAt: string | null = null;
  if (input.appointmentAt != null && input.appointmentAt !== '') {
    if (typeof input.appointmentAt !== 'string' || !isoInstant.test(input.appointmentAt) || Number.isNaN(Date.parse(input.appointmentAt)))
      throw new InvalidMailingField('appointmentAt', 'must be a date and time with its zone (ISO 8601)');
    const at = new Date(input.appointmentAt);
    const day = dayNumber(localDateOf(at.getTime(), timeZone));
    if (day < mailingDay || day > mailingDay + maxAppointmentDays)
      throw new InvalidMailingField('appointmentAt', `must be on the mailing date or within ${maxAppointmentDays} days after it`);
    appointmentAt = at.toISOString();
  } else if (entry === 'dndc' || entry === 'dscf') throw new InvalidMailingField('appointmentAt', 'is required for DNDC and DSCF entry');

  let reply: ReplyMailpiece | null = null;
  if (input.reply != null) {
    if (typeof input.reply !== 'object') throw new InvalidMailingField('reply', 'must give the kind and the permit number');
    reply = {
      kind: oneOf(InvalidMailingField, 'reply/kind', input.reply.kind, replyKinds),
      permitNumber: permitNumber('reply/permitNumber', input.reply.permitNumber),
    };
  }

  const problems = checkProblems(input.problems);

  return {
    mailingId,
    mailerId,
    serialFirst,
    serialLast,
    postageStatement,
    mailingDate: input.mailingDate,
    mailClass,
    processingCategory,
    priceCategory,
    presortLevel,
    pieceCount,
    weightGrams,
    postageCents,
    permitNumber: permit,
    permitType,
    containerLabels,
    entry,
    dropShipCode,
    appointmentAt,
    reply,
    problems,
  };
}

/** The mailing's problem notes, trimmed; null when empty. */
export function checkProblems(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw new InvalidMailingField('problems', 'must be text');
  const text = value.trim();
  if (text.length > maxProblemsLength) throw new InvalidMailingField('problems', `must be at most ${maxProblemsLength} characters`);
  return text === '' ? null : text;
}
