import { api, fetchDocument } from './client.ts';

/** Shapes of src/http/routes/mailpiece-images.ts. */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/tiff';

export interface MailpieceImage {
  readonly id: string;
  /** The IMb's 20-digit tracking code. */
  readonly trackingCode: string;
  readonly zip11: string | null;
  readonly facilityZip: string;
  readonly capturedAt: string;
  readonly mediaType: ImageMediaType;
  readonly sizeBytes: number;
}

/** A POST, like the tracking lookup: the IMb never goes in a URL. */
export const listMailpieceImages = (imb: string) => api.post<{ images: readonly MailpieceImage[] }>('/api/tracking/images/lookup', { imb });

/** The image itself, fetched with the session (its URL names only its id), as a blob. */
export async function fetchMailpieceImage(id: string): Promise<Blob> {
  return (await fetchDocument(`/api/tracking/images/${encodeURIComponent(id)}`)).blob();
}
