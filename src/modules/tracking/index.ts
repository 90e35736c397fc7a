export * from './article-numbers/index.ts';
export * from './imb/index.ts';
export * from './change-of-address/index.ts';
export * from './events/index.ts';
