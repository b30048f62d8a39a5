/**
 * The live demo of each day, loaded lazily. A demo mounts into an element, reads its settings from
 * the URL hash (and writes them back), trains in a Web Worker (on the wasm backend: `serve` in
 * rpc.ts awaits `ready()`), and cleans up on dispose.
 */
export interface Demo {
  dispose(): void;
}

export type MountDemo = (el: HTMLElement, params: URLSearchParams) => Demo | Promise<Demo>;

export const DEMOS: Readonly<Record<number, () => Promise<{ mount: MountDemo }>>> = {
  1: () => import('./day1.js'),
  2: () => import('./day2.js'),
  3: () => import('./day3.js'),
  4: () => import('./day4.js'),
  5: () => import('./day5.js'),
  6: () => import('./day6.js'),
  7: () => import('./day7.js'),
};
