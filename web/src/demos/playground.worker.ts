/** The array playground's evaluator, off the page's thread (a runaway expression cannot freeze the UI). */
import { describe, Session } from './expr.js';

interface Scope {
  postMessage(msg: unknown): void;
  onmessage: ((e: MessageEvent<{ id: number; src: string }>) => void) | null;
}
const scope = self as unknown as Scope;
const session = new Session();

scope.onmessage = (e) => {
  const { id, src } = e.data;
  try {
    const value = session.evaluate(src);
    scope.postMessage({ id, ok: true, result: describe(value), vars: [...session.vars.keys()] });
  } catch (err) {
    const x = err as Error;
    scope.postMessage({ id, ok: false, error: `${x.name ?? 'Error'}: ${x.message ?? String(err)}` });
  }
};
