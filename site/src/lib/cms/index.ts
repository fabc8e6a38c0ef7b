export * from './client.ts';
export * from './errors.ts';
export * from './media.ts';
export * from './corrections.ts';
export type * from './types.ts';
export * from './search.ts';
