/**
 * What Day 4's page and its worker share. (The page must not import day4.worker.ts for a value:
 * that would run the worker's module — training data, `serve` — on the page's thread.)
 */

/** The boundary grid's resolution (boundary.ts's `grid(res)`). */
export const GRID_RES = 60;
