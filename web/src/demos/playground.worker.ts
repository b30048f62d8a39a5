/** The array playground's evaluator, off the page's thread (a runaway expression cannot freeze the UI). */
import { ready } from '../../../src/kernels/index.js';
import { describe, Session } from './expr.js';

interface Scope {
  postMessage(msg: unknown): void;
  onmessage: ((e: MessageEvent<{ id: number; src: string }>) => void) | null;
}
const scope = self as unknown as Scope;
const session = new Session();
// nd's large products run on the wasm backend once it has loaded (js until then, or if it cannot)
const backend = ready().catch(() => undefined);

scope.onmessage = async (e) => {
  const { id, src } = e.data;
  await backend;
  try {
    const value = session.evaluate(src);
    scope.postMessage({ id, ok: true, result: describe(value), vars: [...session.vars.keys()] });
  } catch (err) {
    const x = err as Error;
    scope.postMessage({ id, ok: false, error: `${x.name ?? 'Error'}: ${x.message ?? String(err)}` });
  }
};
