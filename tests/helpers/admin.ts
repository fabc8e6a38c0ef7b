import { testStack } from './test-stack.ts';

/** JSON when the server sent JSON; otherwise the text, so a plain error page does not crash a test. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { error: { message: text } };
  }
}

/** Signs an admin account in through the login route and returns its access token. */
export async function adminToken(email: string, password: string): Promise<string> {
  const response = await fetch(`${testStack().cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.accessToken ?? body.data?.token;
  if (!token) throw new Error(`Đăng nhập quản trị thất bại cho ${email}: HTTP ${response.status}`);
  return token;
}

/** A signed-in admin user talking to the admin API, as the admin panel does. */
export class AdminSession {
  private readonly token: string;
  private constructor(token: string) {
    this.token = token;
  }

  private static readonly cache = new Map<string, AdminSession>();

  /** Signs in once per account and test process (the demo password), or every time with another password. */
  static async login(email: string, password?: string): Promise<AdminSession> {
    const cached = password === undefined ? AdminSession.cache.get(email) : undefined;
    if (cached) return cached;
    const session = await AdminSession.signIn(email, password ?? testStack().password);
    if (password === undefined) AdminSession.cache.set(email, session);
    return session;
  }

  private static async signIn(email: string, password: string): Promise<AdminSession> {
    return new AdminSession(await adminToken(email, password));
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${testStack().cmsUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined || isForm ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await readBody(response)) as T };
  }

  createDraft(uid: string, data: Record<string, unknown>) {
    return this.request<{ data?: { documentId: string } & Record<string, unknown>; error?: { message: string } }>(
      'POST',
      `/content-manager/collection-types/${uid}`,
      data,
    );
  }
}
