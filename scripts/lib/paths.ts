import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cmsDir = path.join(root, 'cms');
export const siteDir = path.join(root, 'site');
export const commonDir = path.join(root, 'packages', 'common');
export const varDir = path.join(root, 'var');
export const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
