import type { ChangeOfAddress, NewChangeOfAddress, NormalisedAddress } from '../api/changes-of-address.ts';
import { call } from './portalApi.ts';

/** Shapes of src/http/routes/portal-change-of-address.ts: the console's, less what the customer is not shown. */
export type PortalAddress = Pick<NormalisedAddress, 'deliveryLine' | 'lastLine'>;

export interface PortalAddressOfRecord {
  readonly id: string;
  readonly label: string | null;
  readonly primary: boolean;
  readonly address: PortalAddress;
}

export type PortalChangeOfAddress = Pick<
  ChangeOfAddress,
  'id' | 'moveType' | 'duration' | 'effectiveDate' | 'endDate' | 'status' | 'forwarding' | 'createdAt'
> & { readonly oldAddress: PortalAddress; readonly newAddress: PortalAddress };

/** The customer moves from an address of the record, named by its id, and is the verified person. */
export type NewPortalChangeOfAddress = Pick<NewChangeOfAddress, 'moveType' | 'duration' | 'effectiveDate' | 'newAddress'> & {
  readonly endDate: string | null;
  readonly oldAddressId: string;
};

/**
 * What the fraud screen knows of this browser: a SHA-256 of what it says of itself (user
 * agent, screen, language, time zone), so that many requests from one device are noticed
 * without any of it being sent in clear. Null where the browser offers no digest (plain http).
 */
async function deviceDigest(): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const traits = [
    navigator.userAgent,
    `${screen.width}x${screen.height}x${screen.colorDepth}`,
    navigator.language,
    Intl.DateTimeFormat().resolvedOptions().timeZone,
  ].join('|');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(traits));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const changeOfAddressApi = {
  addresses: () => call<PortalAddressOfRecord[]>('GET', '/changes-of-address/addresses'),
  list: () => call<PortalChangeOfAddress[]>('GET', '/changes-of-address'),
  async file(request: NewPortalChangeOfAddress): Promise<PortalChangeOfAddress> {
    const device = await deviceDigest();
    return call<PortalChangeOfAddress>('POST', '/changes-of-address', {
      body: request,
      headers: device ? { 'x-device-fingerprint': device } : {},
    });
  },
};
