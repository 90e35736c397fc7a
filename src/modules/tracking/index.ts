export * from './article-numbers/index.ts';
export * from './imb/index.ts';
