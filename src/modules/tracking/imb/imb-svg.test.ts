import { describe, expect, it } from 'vitest';
import { encodeImb, ImbError, imbSvg } from './index.ts';

const bars = encodeImb('01234567094987654321', '01234567891');
const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"\/>/g)];

describe('imbSvg', () => {
  it('draws 65 bars at 22 per inch, each as tall as its type', () => {
    const drawn = rects(imbSvg(bars));
    expect(drawn).toHaveLength(65);
    const heights: Record<string, number> = { F: 0.145, A: 0.0975, D: 0.0975, T: 0.05 };
    const tops: Record<string, number> = { F: 0.028, A: 0.028, D: 0.0755, T: 0.0755 };
    drawn.forEach((rect, index) => {
      const type = bars.charAt(index);
      expect(Number(rect[4])).toBeCloseTo(heights[type]!, 4);
      expect(Number(rect[2])).toBeCloseTo(tops[type]!, 4);
      expect(Number(rect[1])).toBeCloseTo(0.125 + index / 22, 3);
    });
  });

  it('is an image named by the human-readable tracking and routing digits', () => {
    const svg = imbSvg(bars);
    const label = 'Intelligent Mail barcode: tracking 01 234 567094 987654321, routing 01234567891';
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`aria-label="${label}"`);
    expect(svg).toContain(`<title>${label}</title>`);
    expect(imbSvg(encodeImb('00270999999123456'.padEnd(20, '0')))).toContain('tracking 00 270 999999123 456000, no routing code</title>');
  });

  it('is sized in inches for print, or in pixels at a given resolution', () => {
    expect(imbSvg(bars)).toContain('width="3.1791in" height="0.201in"');
    expect(imbSvg(bars, { dpi: 300 })).toContain('width="953.73" height="60.3"');
  });

  it('refuses bars that do not decode rather than drawing them', () => {
    expect(() => imbSvg(bars.replace(/^./, 'X'))).toThrow(ImbError);
  });
});
