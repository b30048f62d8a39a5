/**
 * The code shown next to each step: the lesson file itself, imported as text with Vite's `?raw`
 * (no second copy). A step is matched to its file by identity: the day folder's modules are
 * imported and the one exporting the step object is its source.
 */
import type { Step } from '../../course/lesson.js';

const rawFiles = import.meta.glob('../../course/**/*.ts', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;
const modules = import.meta.glob('../../course/day*/*.ts') as Record<
  string,
  () => Promise<Record<string, unknown>>
>;

export interface StepSource {
  /** Repository path, e.g. `course/day2/data.ts`. */
  path: string;
  /** The exported name of the step, e.g. `dataStep`. */
  exportName: string;
  source: string;
  /** 0-based line where the step's export starts. */
  line: number;
}

/** Maps each step of day `n` to its file and export. */
export async function stepSources(n: number, steps: readonly Step[]): Promise<Map<Step, StepSource>> {
  const prefix = `../../course/day${n}/`;
  const result = new Map<Step, StepSource>();
  const keys = Object.keys(modules).filter((k) => k.startsWith(prefix) && !k.endsWith('/index.ts'));
  await Promise.all(
    keys.map(async (key) => {
      const mod = await modules[key]();
      for (const [name, value] of Object.entries(mod)) {
        if (!steps.includes(value as Step) || result.has(value as Step)) continue;
        const source = await rawFiles[key]();
        const line = source.split('\n').findIndex((l) => l.includes(`const ${name}`));
        result.set(value as Step, {
          path: key.replace('../../', ''),
          exportName: name,
          source,
          line: Math.max(0, line),
        });
      }
    }),
  );
  return result;
}

/** The text of any lesson file by repository path (`course/day6/rnn.ts`), or null. */
export async function lessonFile(path: string): Promise<string | null> {
  const load = rawFiles[`../../${path}`];
  return load ? load() : null;
}
