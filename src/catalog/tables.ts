import { mailOutTables } from './tables/mail-out.ts';
import { attachmentTables } from './tables/attachments.ts';
import { macroTables } from './tables/macros.ts';
import { surveyTables } from './tables/surveys.ts';
import { callTables } from './tables/calls.ts';
import { retentionTables } from './tables/retention.ts';
import { caseTables } from './tables/cases.ts';
import { customerTables } from './tables/customers.ts';
import { foundationTables } from './tables/foundation.ts';
import { privacyNoticeTables } from './tables/privacy-notices.ts';
import { disclosureTables } from './tables/disclosures.ts';
import { privacyRequestTables } from './tables/privacy-requests.ts';
import { portalTables } from './tables/portal.ts';
import { trackingTables } from './tables/tracking.ts';
import { privacyIncidentTables } from './tables/privacy-incidents.ts';
import { changeOfAddressTables } from './tables/change-of-address.ts';
import { trackingAlertTables } from './tables/tracking-alerts.ts';
import { holdMailTables } from './tables/hold-mail.ts';
import { mailingTables } from './tables/mailings.ts';
import { deliveryServiceTables } from './tables/delivery-services.ts';
import { mailpieceImageTables } from './tables/mailpiece-images.ts';
import type { TableDecl } from './types.ts';

/**
 * Merges the table declarations of the foundation and of each module. A table declared
 * twice is an error rather than a silent overwrite: two owners would disagree about it.
 */
export function declareTables(...groups: readonly Readonly<Record<string, TableDecl>>[]): Readonly<Record<string, TableDecl>> {
  const merged: Record<string, TableDecl> = {};
  for (const group of groups) {
    for (const [name, decl] of Object.entries(group)) {
      if (Object.hasOwn(merged, name)) throw new Error(`Table "${name}" is declared twice in the catalog`);
      merged[name] = decl;
    }
  }
  return Object.freeze(merged);
}

/** Every table of the database, as the catalog conformance test compares it with the schema. */
export const tables: Readonly<Record<string, TableDecl>> = declareTables(
  foundationTables,
  customerTables,
  caseTables,
  mailOutTables,
  attachmentTables,
  macroTables,
  surveyTables,
  callTables,
  retentionTables,
  privacyNoticeTables,
  disclosureTables,
  privacyRequestTables,
  portalTables,
  trackingTables,
  privacyIncidentTables,
  changeOfAddressTables,
  trackingAlertTables,
  holdMailTables,
  mailingTables,
  deliveryServiceTables,
  mailpieceImageTables,
);
