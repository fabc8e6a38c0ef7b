import { requestedDatabase, startTestStack, toEnv } from './test-stack.ts';

/** Global setup of Vitest (integration) and Playwright: reuse the stack of `npm test`, or start one when the suite runs alone. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.PORTAL_TEST) return undefined;
  const stack = await startTestStack(requestedDatabase());
  Object.assign(process.env, toEnv(stack.info));
  return () => stack.stop();
}
