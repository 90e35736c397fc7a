export { decodeImb } from './decode-imb.ts';
export { encodeImb } from './encode-imb.ts';
export { ImbError, type ImbErrorCode } from './imb-error.ts';
export type { ImbParts } from './imb-parts.ts';
export { imbSvg, type ImbSvgOptions } from './imb-svg.ts';
export { imbParts } from './imb-parts.ts';
export { validateImbInput } from './validate-imb-input.ts';
