import { useEffect, useState } from 'react';

/** The otpauth:// URI as a QR code image (a data: URL, which the CSP allows). */
export function QrCode({ value, alt, size = 208 }: { readonly value: string; readonly alt: string; readonly size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Loaded on demand: only enrolment needs the encoder.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(value, { width: size, margin: 2, errorCorrectionLevel: 'M' }))
      .then(
        (url) => live && setSrc(url),
        () => live && setSrc(null),
      );
    return () => {
      live = false;
    };
  }, [value, size]);
  if (!src) return <div className="caseline-qr-placeholder" style={{ width: size, height: size }} />;
  return <img src={src} alt={alt} width={size} height={size} className="caseline-qr" />;
}
