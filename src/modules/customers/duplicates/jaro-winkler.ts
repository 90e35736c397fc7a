/**
 * Jaro–Winkler similarity (Winkler 1990) in [0, 1]: 1 for equal strings, 0 when no
 * characters match. The prefix bonus (scale 0.1, up to four characters) applies only
 * when the Jaro similarity is at least 0.7, as in Winkler's original definition.
 *
 * The greedy left-to-right matching of the textbook algorithm is not exactly symmetric
 * for every pair of strings, so the arguments are put in a canonical order first:
 * jaroWinkler(a, b) === jaroWinkler(b, a) always.
 */
export function jaroWinkler(left: string, right: string): number {
  const [a, b] = left <= right ? [left, right] : [right, left];
  const jaro = jaroSimilarity(a, b);
  if (jaro < 0.7) return jaro;
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function jaroSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) halfTranspositions += 1;
    k += 1;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}
