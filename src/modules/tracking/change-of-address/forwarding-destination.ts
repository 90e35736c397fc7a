import type { NormalisedAddress } from '../../customers/index.ts';

/** What kind of place mail would be forwarded to, as the fraud screen weighs it. */
export interface ForwardingDestination {
  /** Pub 28, 281: the normalised delivery line is 'PO BOX n'. */
  readonly poBox: boolean;
  /** A commercial mail receiving agency: a private mailbox ('PMB n', DMM 508.1.8.2) or a listed CMRA's street address. */
  readonly cmra: boolean;
}

/**
 * The street address a delivery line names, without the box or unit behind it: 'PMB 7'
 * and what follows it cut (the customers module's normaliser keeps PMB in the line, as
 * Pub 28 lists no such unit designator), then a parsed unit such as '# 45'. A CMRA
 * listed as '4 ELM AVE STE 100' then matches '4 ELM AVE STE 100 PMB 7', and one listed as
 * '123 MAIN ST' matches '123 MAIN ST # 45'.
 */
export function streetLinesOf(address: NormalisedAddress): string[] {
  const words = address.deliveryLine.split(' ');
  const pmb = words.indexOf('PMB');
  const lines = new Set([address.deliveryLine]);
  if (pmb > 0) lines.add(words.slice(0, pmb).join(' '));
  if (address.unitDesignator !== null) {
    const unit = [address.unitDesignator, address.unitNumber].filter((p) => p !== null).join(' ');
    if (address.deliveryLine.endsWith(` ${unit}`)) lines.add(address.deliveryLine.slice(0, -unit.length - 1));
  }
  return [...lines];
}

/** The key a known CMRA is listed and looked up by: its street line and 5-digit ZIP Code. */
export function cmraKey(streetLine: string, zip5: string): string {
  return `${streetLine}|${zip5}`;
}

/**
 * Classifies the new address. `knownCmras` holds cmraKey()s of the CMRAs an administrator
 * listed (table coa_cmra_addresses): a CMRA's customers do not always write 'PMB', so the
 * designator alone misses some.
 */
export function forwardingDestination(address: NormalisedAddress, knownCmras: ReadonlySet<string>): ForwardingDestination {
  const words = address.deliveryLine.split(' ');
  const pmb = words.some((word, i) => word === 'PMB' && i > 0 && i < words.length - 1);
  const listed = address.kind === 'street' && streetLinesOf(address).some((line) => knownCmras.has(cmraKey(line, address.zip5)));
  return { poBox: address.kind === 'po-box', cmra: pmb || listed };
}
