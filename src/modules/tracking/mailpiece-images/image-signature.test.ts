import { describe, expect, it } from 'vitest';
import { imageSignature } from './image-signature.ts';
import { imageDayDue } from './image-days.ts';

describe('image signature', () => {
  it('knows PNG, JPEG and both byte orders of TIFF by their first bytes', () => {
    expect(imageSignature(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('image/png');
    expect(imageSignature(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(imageSignature(Buffer.from('49492a0008000000', 'hex'))).toBe('image/tiff');
    expect(imageSignature(Buffer.from('4d4d002a00000008', 'hex'))).toBe('image/tiff');
  });

  it('knows nothing else, nor a signature cut short', () => {
    expect(imageSignature(Buffer.from('GIF89a'))).toBeNull();
    expect(imageSignature(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(imageSignature(Buffer.from('89504e470d0a1a', 'hex'))).toBeNull();
    expect(imageSignature(Buffer.alloc(0))).toBeNull();
  });
});

describe('when a day of images falls due', () => {
  it('is once its last capture is 3 days old (the catalog’s rule), on the UTC calendar of the partitions', () => {
    expect(imageDayDue('2026-11-25')).toEqual(new Date('2026-11-29T00:00:00Z'));
    expect(imageDayDue('2026-12-31')).toEqual(new Date('2027-01-04T00:00:00Z'));
  });
});
