import type { HoldMail, NewHoldMail } from '../api/hold-mail.ts';
import { call, portalApi } from './portalApi.ts';

/** Shapes of src/http/routes/portal-hold-mail.ts: what a customer sees of a hold (no screen, no area). */
export type PortalHold = Pick<
  HoldMail,
  'id' | 'name' | 'beginDate' | 'endDate' | 'address' | 'endAction' | 'instructions' | 'status' | 'phase' | 'createdAt' | 'cancelledAt'
>;

/** The customer holds mail at an address of the record, named by its id, and is the verified person. */
export type NewPortalHold = Pick<NewHoldMail, 'beginDate' | 'endDate' | 'endAction'> & {
  readonly addressId: string;
  readonly instructions: string | null;
};

/** An address of the customer's record, as the profile lists it. */
export interface PortalHoldAddress {
  readonly id: string;
  readonly label: string | null;
  readonly text: string;
}

export const holdMailApi = {
  /** The mailing addresses of the record (GET /profile): a hold is for one of them. */
  async addresses(): Promise<PortalHoldAddress[]> {
    const profile = await portalApi.profile();
    return profile.values.filter((v) => v.field === 'mailing_address').map((v) => ({ id: v.id, label: v.label, text: v.value }));
  },
  list: () => call<PortalHold[]>('GET', '/hold-mail'),
  request: (hold: NewPortalHold) => call<PortalHold>('POST', '/hold-mail', { body: hold }),
  cancel: (id: string) => call<PortalHold>('POST', `/hold-mail/${encodeURIComponent(id)}/cancel`, { body: {} }),
};
