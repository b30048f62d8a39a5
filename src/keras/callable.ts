/**
 * Lets a class be called without `new`, so that Keras code reads as in Python:
 * `keras.layers.Dense(64, { activation: 'relu' })` and `new keras.layers.Dense(64)` both work,
 * `instanceof` and subclassing (`class MyLayer extends keras.layers.Layer`) too.
 */

/** A class that can also be called as a function returning an instance. */
export type Callable<C extends abstract new (...args: never[]) => unknown> = C &
  ((...args: ConstructorParameters<C>) => InstanceType<C>);

/** Wraps `cls` in a Proxy whose call trap constructs it. */
export function callable<C extends new (...args: never[]) => unknown>(cls: C): Callable<C> {
  return new Proxy(cls, {
    apply: (target, _thisArg, args: unknown[]) => Reflect.construct(target, args),
  }) as Callable<C>;
}
