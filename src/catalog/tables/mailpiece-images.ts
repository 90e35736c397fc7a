import type { TableDecl } from '../types.ts';

// Migration 0032_tracking_mailpiece_images: images of mailpieces captured in mail processing
// (820.200, record type usps-820/mailpiece-image), kept in day partitions.
export const mailpieceImageTables: Readonly<Record<string, TableDecl>> = {
  mailpiece_images: {
    personal: true,
    notice: '820.200',
    description:
      'Images of mailpieces captured during mail processing (they show the name and address on the piece), encrypted, found by the IMb tracking code; with the delivery point, the facility and the capture time. Disposed of a day at a time, 3 days after capture.',
    columns: {
      id: 'operational',
      capture_day: 'operational',
      tracking_code: 'identifier',
      zip11: 'identifier',
      facility_zip: 'operational',
      captured_at: 'operational',
      media_type: 'operational',
      size_bytes: 'operational',
      digest: 'operational',
      image: 'content',
      stored_at: 'operational',
    },
  },
};
