/** A failure the operator can act on: the CLI prints its (Vietnamese) message alone, without a stack trace. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
