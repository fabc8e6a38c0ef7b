/** What the Gửi bài page tells the teacher: the notice above the form and the wording of failures. */

export type Notice = { tone: 'error' | 'ok' | 'info'; text: string } | null;

export const SESSION_EXPIRED = 'Phiên đăng nhập đã hết hạn. Bài của bạn vẫn được lưu trên máy này: hãy đăng nhập lại rồi bấm "Gửi duyệt".';

const errorStatus = (error: unknown): number | undefined =>
  (error as { status?: number; response?: { status?: number } }).response?.status ?? (error as { status?: number }).status;

/** A failure of any request, in words a teacher can act on. */
export function describe(error: unknown): string {
  if ((error as { name?: string }).name === 'TokenRefreshError' || errorStatus(error) === 401) return SESSION_EXPIRED;
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  if (response?.data?.error?.message) return response.data.error.message;
  if (error instanceof Error && /fetch|network/i.test(error.message)) return 'Mất kết nối mạng. Bài vẫn được lưu trên máy; hãy thử lại khi có mạng.';
  return error instanceof Error && error.message ? error.message : 'Không thực hiện được. Hãy thử lại.';
}
