/**
 * Where the portal's parts live in an installation, for the tools that run beside it (the monitor, the
 * backups). This file is compiled to packages/common/dist, three levels below the root.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cmsDir = path.join(root, 'cms');
export const siteDir = path.join(root, 'site');
export const varDir = path.join(root, 'var');
