import { open } from 'node:fs/promises';

/** fsync of a file or a folder: a rename is durable only once the folder holding it is synced. */
export async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
