// Test support (not part of the public API): reads the Febrl record-linkage sets from
// ../shared/data/febrl beside the checkout.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CandidateRecord } from './candidate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const febrlDirectory = path.join(repoRoot, '..', 'shared', 'data', 'febrl');

export type FebrlRecord = { readonly id: string; readonly entity: string; readonly record: CandidateRecord };

export function febrlAvailable(files: readonly string[]): boolean {
  return files.every((file) => existsSync(path.join(febrlDirectory, file)));
}

export function readFebrl(file: string): FebrlRecord[] {
  const lines = readFileSync(path.join(febrlDirectory, file), 'utf8')
    .split(/\r?\n/u)
    .filter((line) => line.trim() !== '');
  const header = lines[0]!.split(',').map((cell) => cell.trim());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file}: no ${name} column`);
    return index;
  };
  const c = {
    id: column('rec_id'),
    given: column('given_name'),
    surname: column('surname'),
    number: column('street_number'),
    address1: column('address_1'),
    address2: column('address_2'),
    suburb: column('suburb'),
    postcode: column('postcode'),
    dob: column('date_of_birth'),
    ssn: column('soc_sec_id'),
  };
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const cell = (index: number): string | undefined => (cells[index] === '' ? undefined : cells[index]);
    const id = cells[c.id]!;
    const entity = /^rec-(\d+)-/u.exec(id)?.[1];
    if (entity === undefined) throw new Error(`${file}: unexpected rec_id ${id}`);
    const address = [cell(c.number), cell(c.address1), cell(c.address2), cell(c.suburb)].filter((part) => part !== undefined);
    return {
      id,
      entity,
      record: {
        givenName: cell(c.given),
        surname: cell(c.surname),
        addressLine: address.length === 0 ? undefined : address.join(' '),
        zip: cell(c.postcode),
        dateOfBirth: cell(c.dob),
        identifier: cell(c.ssn),
      },
    };
  });
}

/** Number of true pairs: all pairs of records sharing an entity. */
export function truePairCount(records: readonly FebrlRecord[]): number {
  const sizes = new Map<string, number>();
  for (const { entity } of records) sizes.set(entity, (sizes.get(entity) ?? 0) + 1);
  let pairs = 0;
  for (const size of sizes.values()) pairs += (size * (size - 1)) / 2;
  return pairs;
}
