/** One wording for every section a seed leaves out, so the gaps are easy to find. */
export function notStatedIn(seedFile: string): string {
  return `Not stated in the source document (seed ${seedFile}).`;
}
