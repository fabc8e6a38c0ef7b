/**
 * The one error the CMS client throws. Pages turn it into a 503 page; the server log gets the details.
 */
export class CmsError extends Error {
  override readonly name = 'CmsError';
  /** Strapi UID of what was being read, e.g. "api::article.article". */
  readonly contentType: string;
  /** HTTP status from the CMS, or 0 when it could not be reached or did not answer in time. */
  readonly status: number;

  constructor(contentType: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.contentType = contentType;
    this.status = status;
  }
}

export function isCmsError(error: unknown): error is CmsError {
  return error instanceof CmsError;
}
