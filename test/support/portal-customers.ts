import { expect } from 'vitest';
import type { Client } from './client.ts';

export interface CustomerWithCaseFixture {
  readonly name: string;
  readonly zip: string;
  readonly ssn: string;
  /** Goes in the case's title and body: what must never reach another customer. */
  readonly canary: string;
  readonly email?: string;
  /** The mailing address's label; none when omitted. */
  readonly addressLabel?: string;
}

/** A customer registered by a staff agent (name, mailing address, SSN last four) with one phone case about a parcel. */
export async function customerWithCase(agent: Client, p: CustomerWithCaseFixture): Promise<{ customer: string; case: string }> {
  const created = await agent.post('/api/customers', {
    kind: 'person',
    values: [
      { field: 'customer_name', value: p.name },
      ...(p.email === undefined ? [] : [{ field: 'email', value: p.email }]),
      {
        field: 'mailing_address',
        value: { lines: '475 Lenfant Plaza SW', city: 'Washington', state: 'DC', zip: p.zip },
        ...(p.addressLabel === undefined ? {} : { label: p.addressLabel }),
      },
      { field: 'ssn_last4', value: p.ssn },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const opened = await agent.post('/api/cases', {
    customerId: created.json().id,
    channel: 'phone',
    recordType: 'usps-880/call-center-contact',
    title: `Parcel question ${p.canary}`,
    body: `The caller said ${p.canary}.`,
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return { customer: created.json().id, case: opened.json().id };
}
