import { matchesAddressList } from './address-list.ts';
import type { InboundAttachment } from './inbound-email.ts';

const faxContentTypes = new Set(['application/pdf', 'image/tiff', 'image/tif']);
const faxExtension = /\.(pdf|tiff?)$/i;

function isFaxImage(attachment: InboundAttachment): boolean {
  const type = attachment.contentType.toLowerCase();
  // Gateways often label the file application/octet-stream; then the name tells.
  return faxContentTypes.has(type) || (type === 'application/octet-stream' && faxExtension.test(attachment.filename));
}

/** A fax delivered as e-mail: from one of `gateways` (addresses or domains) with a PDF or TIFF. */
export function isFaxTransmission(
  fromAddress: string | null,
  attachments: readonly InboundAttachment[],
  gateways: readonly string[],
): boolean {
  return fromAddress !== null && matchesAddressList(fromAddress, gateways) && attachments.some(isFaxImage);
}
