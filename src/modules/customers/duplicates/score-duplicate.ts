import { prepareCandidate, type CandidateRecord, type PreparedCandidate, type PreparedName } from './candidate.ts';
import { jaroWinkler } from './jaro-winkler.ts';

/** The fields a score can cite as evidence. Reasons name fields, never their values. */
export type DuplicateField = 'email' | 'phone' | 'identifier' | 'dateOfBirth' | 'surname' | 'givenName' | 'zip' | 'addressLine';

export type DuplicateScore = {
  /** Posterior-style match score in [0, 1]. */
  readonly score: number;
  /** Fields that agreed (fully or partly), strongest evidence first. */
  readonly reasons: DuplicateField[];
};

/**
 * Fellegi–Sunter field parameters: m = P(field agrees | same person), u = P(field agrees
 * | different people). Full agreement adds log2(m/u) bits of evidence, disagreement adds
 * log2((1-m)/(1-u)) (negative), and a partial agreement (similarity between `floor` and
 * 1) is interpolated linearly between the two (Winkler's string-comparator adjustment).
 * A field missing on either side adds nothing. The m/u values are judgement calls (not
 * fitted), checked against the Febrl evaluation in febrl-evaluation.test.ts.
 */
type FieldModel = { readonly m: number; readonly u: number; readonly floor: number };

const models: Readonly<Record<DuplicateField, FieldModel>> = {
  // One mailbox or phone number rarely belongs to two customers, but people have several.
  email: { m: 0.8, u: 1e-6, floor: 0.99 },
  phone: { m: 0.8, u: 1e-5, floor: 0.99 },
  // National id / social security number: near-unique, but typed by hand.
  identifier: { m: 0.9, u: 1e-6, floor: 0 },
  // About 30,000 birth dates in use.
  dateOfBirth: { m: 0.9, u: 3e-5, floor: 0 },
  surname: { m: 0.9, u: 0.002, floor: 0.75 },
  givenName: { m: 0.9, u: 0.01, floor: 0.75 },
  zip: { m: 0.9, u: 0.003, floor: 0 },
  addressLine: { m: 0.8, u: 0.001, floor: 0.75 },
};

const agreeWeight = (model: FieldModel): number => Math.log2(model.m / model.u);
const disagreeWeight = (model: FieldModel): number => Math.log2((1 - model.m) / (1 - model.u));

/**
 * Bits of evidence subtracted before the logistic: the log prior odds against two records
 * that share a blocking key being the same person. score = 1 / (1 + 2^-(W - offset)).
 */
export const PRIOR_OFFSET_BITS = 12;

/**
 * isLikelyDuplicate threshold. 0.5 means the summed field evidence W outweighs the prior
 * offset (W ≥ 12 bits): e.g. an exact e-mail alone; or surname + given name + postcode;
 * or date of birth + surname. Chosen on Febrl dataset1 and confirmed on datasets 2–4
 * (see febrl-evaluation.test.ts for the precision and recall it reaches).
 */
export const DUPLICATE_THRESHOLD = 0.5;

export function isLikelyDuplicate(score: number, threshold: number = DUPLICATE_THRESHOLD): boolean {
  return score >= threshold;
}

/** Scores how likely two customer records describe the same person. Symmetric in a and b. */
export function scoreDuplicate(a: CandidateRecord, b: CandidateRecord): DuplicateScore {
  return scorePrepared(prepareCandidate(a), prepareCandidate(b));
}

type Evidence = { field: DuplicateField; weight: number };

export function scorePrepared(a: PreparedCandidate, b: PreparedCandidate): DuplicateScore {
  const evidence: Evidence[] = [];
  const add = (field: DuplicateField, similarity: number | undefined): void => {
    if (similarity !== undefined) evidence.push({ field, weight: fieldWeight(models[field], similarity) });
  };
  add('email', exact(a.email, b.email));
  add('phone', exact(a.phone, b.phone));
  add('identifier', codeSimilarity(a.identifier, b.identifier));
  add('dateOfBirth', dateSimilarity(a.dateOfBirth, b.dateOfBirth));
  for (const item of nameEvidence(a, b)) evidence.push(item);
  add('zip', codeSimilarity(a.zip, b.zip));
  add('addressLine', tokenSimilarity(a.addressTokens, b.addressTokens));

  let total = 0;
  for (const item of evidence) total += item.weight;
  const score = evidence.length === 0 ? 0 : 1 / (1 + 2 ** -(total - PRIOR_OFFSET_BITS));
  const reasons = evidence
    .filter((item) => item.weight > 0)
    .sort((x, y) => y.weight - x.weight || order.indexOf(x.field) - order.indexOf(y.field))
    .map((item) => item.field);
  return { score, reasons };
}

const order: readonly DuplicateField[] = Object.keys(models) as DuplicateField[];

function fieldWeight(model: FieldModel, similarity: number): number {
  const agree = agreeWeight(model);
  const disagree = disagreeWeight(model);
  if (similarity >= 1) return agree;
  if (similarity <= model.floor) return disagree;
  return disagree + (agree - disagree) * ((similarity - model.floor) / (1 - model.floor));
}

/**
 * Given name and surname, compared straight and swapped (data entry often swaps them);
 * whichever alignment carries more evidence wins. A swapped pairing is weighted with
 * the weaker of the two name models (min of the given-name and surname weights at that
 * similarity), which keeps the score symmetric in a and b and never lets a swap earn
 * more than a straight match would.
 */
function nameEvidence(a: PreparedCandidate, b: PreparedCandidate): Evidence[] {
  const straight: Evidence[] = [];
  const given = nameSimilarity(a.givenName, b.givenName);
  if (given !== undefined) straight.push({ field: 'givenName', weight: fieldWeight(models.givenName, given) });
  const surname = nameSimilarity(a.surname, b.surname);
  if (surname !== undefined) straight.push({ field: 'surname', weight: fieldWeight(models.surname, surname) });

  const crossWeight = (similarity: number): number =>
    Math.min(fieldWeight(models.givenName, similarity), fieldWeight(models.surname, similarity));
  const cross = [nameSimilarity(a.givenName, b.surname), nameSimilarity(a.surname, b.givenName)]
    .filter((similarity) => similarity !== undefined)
    .sort((x, y) => x - y);
  const swapped: Evidence[] = cross.map((similarity, i) => ({
    field: i === cross.length - 1 ? 'surname' : 'givenName',
    weight: crossWeight(similarity),
  }));

  const sum = (items: Evidence[]): number => items.reduce((acc, item) => acc + item.weight, 0);
  return sum(swapped) > sum(straight) ? swapped : straight;
}

/** Jaro–Winkler on normalised names, raised to 0.9 when the Double Metaphone codes agree. */
export function nameSimilarity(a: PreparedName | undefined, b: PreparedName | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a.text === b.text) return 1;
  let similarity = jaroWinkler(a.text, b.text);
  if (a.codes.some((code) => b.codes.includes(code))) similarity = Math.max(similarity, 0.9);
  return Math.min(similarity, 0.99);
}

function exact(a: string | undefined, b: string | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a === b ? 1 : 0;
}

/** Codes (postcodes, ids): 1 exact, 0.8 for one substituted character or one adjacent transposition, else 0. */
function codeSimilarity(a: string | undefined, b: string | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return 1;
  return oneTypoApart(a, b) ? 0.8 : 0;
}

/** Dates of birth: as codes, plus 0.7 for day and month swapped (YYYYMMDD vs YYYYDDMM). */
function dateSimilarity(a: string | undefined, b: string | undefined): number | undefined {
  const similarity = codeSimilarity(a, b);
  if (similarity !== 0 || a === undefined || b === undefined) return similarity;
  if (
    a.length === 8 &&
    b.length === 8 &&
    a.slice(0, 4) === b.slice(0, 4) &&
    a.slice(4, 6) === b.slice(6, 8) &&
    a.slice(6, 8) === b.slice(4, 6)
  ) {
    return 0.7;
  }
  return 0;
}

function oneTypoApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differences: number[] = [];
  for (let i = 0; i < a.length && differences.length <= 2; i += 1) if (a[i] !== b[i]) differences.push(i);
  if (differences.length === 1) return true;
  if (differences.length !== 2) return false;
  const [i, j] = differences as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/**
 * Address lines as symmetric Monge–Elkan: for each token its best Jaro–Winkler match on
 * the other side, averaged, then the two directions averaged.
 */
function tokenSimilarity(a: readonly string[] | undefined, b: readonly string[] | undefined): number | undefined {
  if (a === undefined || b === undefined || a.length === 0 || b.length === 0) return undefined;
  if (a.length === b.length && a.every((token, i) => token === b[i])) return 1;
  const directed = (from: readonly string[], to: readonly string[]): number =>
    from.reduce((acc, token) => acc + Math.max(...to.map((other) => jaroWinkler(token, other))), 0) / from.length;
  return Math.min((directed(a, b) + directed(b, a)) / 2, 0.99);
}
