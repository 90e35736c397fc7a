import { decodeImb } from './decode-imb.ts';

export interface ImbSvgOptions {
  /** Size the drawing in pixels at this resolution; by default it is sized in inches, for print. */
  readonly dpi?: number;
}

// USPS-B-3200 nominal dimensions, in inches: 22 bars per inch, a 0.145 in full bar whose middle
// 0.05 in is the tracker, and the clear zone kept free of printing around the barcode.
const pitch = 1 / 22;
const barWidth = 0.02;
const fullHeight = 0.145;
const trackerHeight = 0.05;
const extender = (fullHeight - trackerHeight) / 2;
const clearSide = 0.125;
const clearTopBottom = 0.028;

const barExtent: Record<string, { top: number; height: number }> = {
  F: { top: 0, height: fullHeight },
  A: { top: 0, height: extender + trackerHeight },
  D: { top: extender, height: extender + trackerHeight },
  T: { top: extender, height: trackerHeight },
};

const round = (inches: number) => Number(inches.toFixed(4));

/**
 * An SVG of the 65 bars for a label or letter, with the clear zone around them. The bars are
 * decoded first, so a damaged barcode is refused rather than printed; the accessible name is the
 * human-readable tracking and routing digits, which identify the mail piece and not its addressee.
 * @throws ImbError when the bars do not decode.
 */
export function imbSvg(bars: string, options: ImbSvgOptions = {}): string {
  const parts = decodeImb(bars);
  const width = round(2 * clearSide + 64 * pitch + barWidth);
  const height = round(2 * clearTopBottom + fullHeight);
  const size = (inches: number) => (options.dpi === undefined ? `${inches}in` : `${round(inches * options.dpi)}`);
  const routing = parts.routing === '' ? 'no routing code' : `routing ${parts.routing}`;
  const label = `Intelligent Mail barcode: tracking ${parts.barcodeId} ${parts.serviceType} ${parts.mailerId} ${parts.serial}, ${routing}`;
  const rects = [...bars].map((bar, index) => {
    const { top, height: barHeight } = barExtent[bar]!;
    return `<rect x="${round(clearSide + index * pitch)}" y="${round(clearTopBottom + top)}" width="${barWidth}" height="${round(barHeight)}"/>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size(width)}" height="${size(height)}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">`,
    `<title>${label}</title>`,
    `<g fill="#000">`,
    ...rects,
    `</g>`,
    `</svg>`,
  ].join('\n');
}
