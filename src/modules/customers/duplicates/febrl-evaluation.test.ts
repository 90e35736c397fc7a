// Precision, recall and F1 of findDuplicatePairs on the Febrl record-linkage sets
// (../shared/data/febrl beside the checkout; see ../shared/data/README.md). True pairs
// are all pairs of records sharing N in rec-N-org / rec-N-dup-K. Febrl columns map to
// CandidateRecord as: given_name → givenName, surname → surname, street_number +
// address_1 + address_2 + suburb → addressLine, postcode → zip, date_of_birth →
// dateOfBirth, soc_sec_id → identifier (state is not used).
import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, findDuplicatePairs } from './index.ts';
import { febrlAvailable, febrlDirectory, readFebrl, truePairCount } from './febrl.test-support.ts';

type Case = {
  readonly name: string;
  readonly files: readonly string[];
  // Floors: what this implementation reached when written (in parentheses), minus a margin
  // of about 0.01 — a regression guard, not an aspiration.
  readonly minPrecision: number;
  readonly minRecall: number;
  readonly minF1: number;
};

const cases: readonly Case[] = [
  // Reached: P 1.0000, R 1.0000, F1 1.0000 (500 true pairs).
  { name: 'dataset1', files: ['dataset1.csv'], minPrecision: 0.99, minRecall: 0.99, minF1: 0.99 },
  // Reached: P 0.9984, R 0.9953, F1 0.9969 (1,934 true pairs).
  { name: 'dataset2', files: ['dataset2.csv'], minPrecision: 0.99, minRecall: 0.985, minF1: 0.985 },
  // Reached: P 0.9995, R 0.9966, F1 0.9981 (6,538 true pairs).
  { name: 'dataset3', files: ['dataset3.csv'], minPrecision: 0.99, minRecall: 0.985, minF1: 0.985 },
  // Reached: P 0.9972, R 0.9992, F1 0.9982 (5,000 true pairs across the two files).
  { name: 'dataset4a+4b', files: ['dataset4a.csv', 'dataset4b.csv'], minPrecision: 0.985, minRecall: 0.99, minF1: 0.985 },
];

const allFiles = cases.flatMap((entry) => entry.files);
const available = febrlAvailable(allFiles);
if (!available) {
  console.warn(`SKIPPING the Febrl duplicate-detection evaluation: ${allFiles.join(', ')} not all found in ${febrlDirectory}`);
}

describe.skipIf(!available)('findDuplicatePairs on Febrl (skipped when ../shared/data/febrl is missing)', () => {
  const rows: string[] = [];

  for (const entry of cases) {
    it(`${entry.name}: precision ≥ ${entry.minPrecision}, recall ≥ ${entry.minRecall}, F1 ≥ ${entry.minF1}`, () => {
      const started = performance.now();
      const records = entry.files.flatMap(readFebrl);
      const pairs = findDuplicatePairs(
        records.map(({ record }) => record),
        DUPLICATE_THRESHOLD,
      );
      const truth = truePairCount(records);
      const truePositives = pairs.filter(({ first, second }) => records[first]!.entity === records[second]!.entity).length;
      const precision = pairs.length === 0 ? 0 : truePositives / pairs.length;
      const recall = truePositives / truth;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      const ms = Math.round(performance.now() - started);
      rows.push(
        `| ${entry.name} | ${records.length} | ${truth} | ${pairs.length} | ${truePositives} | ${precision.toFixed(4)} | ${recall.toFixed(4)} | ${f1.toFixed(4)} | ${ms} |`,
      );
      expect(precision).toBeGreaterThanOrEqual(entry.minPrecision);
      expect(recall).toBeGreaterThanOrEqual(entry.minRecall);
      expect(f1).toBeGreaterThanOrEqual(entry.minF1);
    });
  }

  it('prints the results table', () => {
    console.log(
      [
        `Febrl duplicate detection (threshold ${DUPLICATE_THRESHOLD})`,
        '| set | records | true pairs | predicted | true positives | precision | recall | F1 | ms |',
        '|---|---|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
    expect(rows).toHaveLength(cases.length);
  });
});
