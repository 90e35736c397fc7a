import { useEffect, useState } from 'react';
import { Alert } from '@trussworks/react-uswds';
import { fetchMailpieceImage, listMailpieceImages, type MailpieceImage } from '../api/mailpiece-images.ts';
import { ApiError } from '../api/problem.ts';
import { formatAgencyTime } from '../cases/agencyTime.ts';

interface Shown extends MailpieceImage {
  /** A data: URL of the image (the page's policy allows data: images, not blob: ones); null for TIFF, which browsers cannot show. */
  readonly src: string | null;
}

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'shown'; readonly images: readonly Shown[] }
  | { readonly kind: 'failed'; readonly message: string };

const dataUrlOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });

/** A thumbnail's width (its caption wraps to it): an envelope's image at a glance, several to a row. */
const thumbnail = { width: '12rem' } as const;
const fill = { width: '100%', height: 'auto' } as const;

const retentionNote = 'Images mail processing captures of a piece are kept 3 days (820.200): a piece seen earlier has none left.';

/**
 * The images mail processing captured of a letter or flat, found by its IMb: each fetched with
 * the session by its id, never by a URL carrying the barcode. Shown once per lookup, below its events.
 */
export function MailpieceImages({ imb }: { readonly imb: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    void (async () => {
      try {
        const { images } = await listMailpieceImages(imb);
        const shown = await Promise.all(
          images.map(async (image) => ({
            ...image,
            src: image.mediaType === 'image/tiff' ? null : await dataUrlOf(await fetchMailpieceImage(image.id)),
          })),
        );
        if (current) setState({ kind: 'shown', images: shown });
      } catch (error) {
        if (current) setState({ kind: 'failed', message: error instanceof ApiError ? error.message : 'The images could not be loaded.' });
      }
    })();
    return () => {
      current = false;
    };
  }, [imb]);

  return (
    <section aria-labelledby="mailpiece-images-heading" className="margin-top-4" data-testid="mailpiece-images">
      <h3 id="mailpiece-images-heading">Images of the mail piece</h3>
      <p className="usa-hint">{retentionNote}</p>
      {state.kind === 'loading' && <p aria-live="polite">Loading the images…</p>}
      {state.kind === 'failed' && (
        <Alert type="error" slim>
          {state.message}
        </Alert>
      )}
      {state.kind === 'shown' && state.images.length === 0 && <p data-testid="mailpiece-images-none">No images of this piece are kept.</p>}
      {state.kind === 'shown' && state.images.length > 0 && (
        <ul className="usa-list usa-list--unstyled grid-row grid-gap-2">
          {state.images.map((image, i) => (
            <li key={image.id} className="grid-col-auto margin-bottom-2">
              <figure className="margin-0" style={thumbnail}>
                {image.src ? (
                  <img
                    src={image.src}
                    alt={`Image ${i + 1} of the mail piece, captured ${formatAgencyTime(image.capturedAt)}`}
                    className="border-1px border-base-lighter"
                    style={fill}
                  />
                ) : (
                  <p className="border-1px border-base-lighter padding-1">
                    A TIFF image ({Math.ceil(image.sizeBytes / 1024)} KB): browsers cannot show it.
                  </p>
                )}
                <figcaption className="font-body-2xs">
                  Captured {formatAgencyTime(image.capturedAt)} at the facility with ZIP Code {image.facilityZip}
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
