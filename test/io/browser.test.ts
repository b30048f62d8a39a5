// src/io/index.ts must stay browser-safe: nothing it imports, directly or through other modules,
// may be a Node built-in. Only node.ts and atomic.ts (the Node entry) touch node:*.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
// `import type` is erased by the compiler, so it cannot pull a module into a bundle.
const IMPORT =
  /^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Every module reachable from `entry` by static imports, and the bare specifiers they use. */
function graph(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) visit(join(dirname(file), spec).replace(/\.js$/, '.ts'));
      else external.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, external };
}

describe('io is browser-safe', () => {
  it('src/io/index.ts reaches no node:* module', () => {
    const { files, external } = graph('io/index.ts');
    expect([...external].filter((s) => s.startsWith('node:') || ['fs', 'path', 'os'].includes(s))).toEqual(
      [],
    );
    expect([...files].some((f) => f.endsWith('io/node.ts') || f.endsWith('io/atomic.ts'))).toBe(false);
    expect(files.size).toBeGreaterThan(5);
  });

  it('the Node entry does use node:fs (and is the only one)', () => {
    expect([...graph('io/node.ts').external]).toEqual(expect.arrayContaining(['node:fs', 'node:path']));
  });
});
