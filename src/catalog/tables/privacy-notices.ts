import type { TableDecl } from '../types.ts';

// Migration 0020_published_notices.
export const privacyNoticeTables: Readonly<Record<string, TableDecl>> = {
  published_notices: {
    personal: false,
    description:
      'Published systems of records notices: each version of a notice as recorded for publication (its JSON and SHA-256), to diff the catalog against.',
    reason:
      'Holds the text of notices, which describe a system of records and the categories of people in it, not any one person; the publisher is recorded as a system actor id.',
  },
};
