import type { NormalisedAddress } from '../api/changes-of-address.ts';
import type { EndAction, HoldMailPhase, HoldMailStatus } from '../api/hold-mail.ts';
import { call, portalApi } from './portalApi.ts';

/** Shapes of src/http/routes/portal-hold-mail.ts: what a customer sees of a hold (no screen, no area). */
export interface PortalHold {
  readonly id: string;
  readonly name: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly address: NormalisedAddress;
  readonly endAction: EndAction;
  readonly instructions: string | null;
  readonly status: HoldMailStatus;
  readonly phase: HoldMailPhase | null;
  readonly createdAt: string;
  readonly cancelledAt: string | null;
}

export interface NewPortalHold {
  readonly addressId: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly endAction: EndAction;
  readonly instructions: string | null;
}

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
