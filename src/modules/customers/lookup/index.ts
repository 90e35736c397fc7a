// The 'find customer' box: classifies what the agent typed into candidate retrieval keys.
// Pure functions, no I/O; values are normalised by the crypto module's normalisers so
// that they match the blind indexes.
export { classifyQuery } from './classify-query.ts';
export { describeInterpretation, refusalReason, SSN_LAST4_ALONE_REFUSAL } from './describe-interpretation.ts';
export { isS10, s10CheckDigit } from './s10.ts';
export type { QueryInterpretation, SimpleInterpretation, CompoundInterpretation, SimpleKind, Combination, Confidence } from './types.ts';
