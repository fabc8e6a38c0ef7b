export * from './changes.ts';
export * from './client.ts';
export * from './errors.ts';
export * from './media.ts';
export * from './public-forms.ts';
export * from './related.ts';
export * from './search.ts';
export type * from './types.ts';
