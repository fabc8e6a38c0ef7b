/**
 * `.env` files, read with Node's own parser (the dotenv syntax Strapi reads cms/.env with: quotes,
 * `export`, comments), keeping only names that can be environment variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv as nodeParseEnv } from 'node:util';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(nodeParseEnv(text))) if (NAME.test(key) && value !== undefined) values[key] = value;
  return values;
}

/** The values of an .env file; none when it does not exist. */
export function readEnvFile(file: string): Record<string, string> {
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
}
