/**
 * The course's registry: day number → its lesson module, loaded lazily (the CLI, the tests and the
 * web course import only the day they run). Each module is course/dayN/index.ts exporting a `Day`
 * (as `day` and as the default export).
 */
import type { Day } from './lesson.js';

type DayModule = { day?: Day; default?: Day };

/** One line per day; add yours when its module lands. */
export const DAYS: Readonly<Record<number, () => Promise<DayModule>>> = {
  1: () => import('./day1/index.js'),
  2: () => import('./day2/index.js'),
  3: () => import('./day3/index.js'),
  4: () => import('./day4/index.js'),
  5: () => import('./day5/index.js'),
  6: () => import('./day6/index.js'),
  7: () => import('./day7/index.js'),
};

/** The day numbers that have a lesson module, ascending. */
export function availableDays(): number[] {
  return Object.keys(DAYS)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Loads day `n`'s module and returns its Day. */
export async function loadDay(n: number): Promise<Day> {
  const load = DAYS[n];
  if (!load) {
    throw new RangeError(`There is no lesson for day ${n} yet; available: ${availableDays().join(', ')}`);
  }
  const mod = await load();
  const day = mod.day ?? mod.default;
  if (!day || !Array.isArray(day.steps)) throw new TypeError(`course/day${n}/index.ts does not export a Day`);
  return day;
}
