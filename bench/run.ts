/**
 * `npm run bench [-- <suite> [options]]`: runs one benchmark suite (or all of them, in this order)
 * and rewrites that suite's `## <suite>` section of bench/RESULTS.md (or the `## <section>` it
 * names), leaving the other sections alone. A suite is a module whose function returns the
 * markdown body of its section; register new suites in the map below.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A suite returns its section's markdown body and, when it differs from the suite's name, the title. */
type Suite = (args: readonly string[]) => Promise<{ markdown: string; section?: string }>;

const suites: Record<string, () => Promise<Suite>> = {
  kernels: async () => (await import('./kernels.js')).runKernelsBench,
  nd: async () => (await import('./nd.js')).runNdBench,
  autograd: async () => (await import('./autograd.js')).runAutogradBench,
  training: async () => (await import('./training.js')).runTrainingBench,
};

const resultsFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** Replaces (or appends) the `## name` section of RESULTS.md. */
async function writeSection(name: string, body: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(resultsFile, 'utf8');
  } catch {
    text = '# Benchmark results\n\nWritten by `npm run bench`; each suite rewrites its own section.\n';
  }
  const section = `## ${name}\n\n${body.trim()}\n`;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${name}`);
  if (start < 0) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end < 0) end = lines.length;
    text = [...lines.slice(0, start), section, ...lines.slice(end)].join('\n');
  }
  await writeFile(resultsFile, `${text.trimEnd()}\n`);
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const names = name && !name.startsWith('--') ? [name] : Object.keys(suites);
  const args = name && !name.startsWith('--') ? rest : process.argv.slice(2);
  for (const n of names) {
    const load = suites[n];
    if (!load) throw new Error(`unknown bench suite '${n}'; known: ${Object.keys(suites).join(', ')}`);
    console.log(`\n== bench: ${n} ==`);
    const { markdown, section = n } = await (await load())(args);
    if (!args.includes('--no-write')) {
      await writeSection(section, markdown);
      console.log(`wrote the '## ${section}' section of bench/RESULTS.md`);
    }
  }
  // Worker threads and native sessions may linger; the results are written.
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
