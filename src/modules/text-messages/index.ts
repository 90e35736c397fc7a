export { maxTextLength, TextNotSent, type TextGateway } from './text-gateway.ts';
export { createHttpTextGateway, type HttpTextGatewayOptions } from './http-text-gateway.ts';
