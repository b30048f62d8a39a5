/**
 * The URL hash holds the route and an experiment's settings, so a link shares both:
 * `#/day/4?h=5&lr=0.02`. Settings change with replaceState (no navigation, no re-render).
 */

export interface Route {
  /** 'home', 'day' or 'guide'. */
  page: 'home' | 'day' | 'guide';
  /** Day number or guide chapter number. */
  n: number;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const [path, query = ''] = h.split('?');
  const params = new URLSearchParams(query);
  const day = /^\/day\/(\d+)\/?$/.exec(path);
  if (day) return { page: 'day', n: Number(day[1]), params };
  const guide = /^\/guide\/(\d+)\/?$/.exec(path);
  if (guide) return { page: 'guide', n: Number(guide[1]), params };
  return { page: 'home', n: 0, params };
}

export function currentRoute(): Route {
  return parseHash(location.hash);
}

/** Replaces the settings part of the hash, keeping the route. */
export function writeParams(values: Record<string, string | number | boolean | undefined>): void {
  const [path] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) params.delete(k);
    else params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const q = params.toString();
  history.replaceState(null, '', `#${path || '/'}${q ? `?${q}` : ''}`);
}

/** A number setting from the hash, clamped to [lo, hi], or the default. */
export function numParam(params: URLSearchParams, key: string, def: number, lo: number, hi: number): number {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return def;
  const v = Number(raw);
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : def;
}

/** One of a fixed set of values from the hash, or the default. */
export function choiceParam<T extends string | number>(
  params: URLSearchParams,
  key: string,
  choices: readonly T[],
  def: T,
): T {
  const raw = params.get(key);
  return choices.find((c) => String(c) === raw) ?? def;
}
