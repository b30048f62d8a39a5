/**
 * The live demo of each day, loaded lazily. A demo mounts into an element, reads its settings from
 * the URL hash (and writes them back), trains in a Web Worker, and cleans up on dispose. Days 3 and
 * 5 get theirs when their lesson modules land: add a line here (see README.md).
 */
export interface Demo {
  dispose(): void;
}

export type MountDemo = (el: HTMLElement, params: URLSearchParams) => Demo | Promise<Demo>;

export const DEMOS: Readonly<Record<number, () => Promise<{ mount: MountDemo }>>> = {
  1: () => import('./day1.js'),
  2: () => import('./day2.js'),
  4: () => import('./day4.js'),
  6: () => import('./day6.js'),
  7: () => import('./day7.js'),
};
