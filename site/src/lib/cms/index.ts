export * from './client.ts';
export * from './errors.ts';
export * from './media.ts';
export type * from './types.ts';
