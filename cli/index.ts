/**
 * The `mlseries` command.
 *
 *   mlseries lesson <day> [--out DIR] [--fast] [--epochs N] [--data embedded|full] [--lang zh|en] [--seed N]
 *   mlseries list
 *   mlseries data download <mnist|fashion-mnist> [--dir DIR]   (see cli/data.ts)
 *   mlseries bench [args…]                                      (runs bench/run.ts from a source checkout)
 *
 * `npm run lesson -- 2` is `tsx cli/index.ts lesson 2`; the installed package runs bin/mlseries.js,
 * which loads the compiled dist/app/cli/index.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { availableDays, loadDay } from '../course/index.js';
import { DEFAULT_CONFIG, type RunConfig } from '../course/lesson.js';
import type { BarStream } from '../course/progress.js';
import { runDay } from '../course/runner.js';

const positiveInt = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`${what} must be a non-negative integer, got '${v}'`);
  return n;
};

/** The repository (or installed package) root: the folder holding package.json above this file. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

interface LessonOptions {
  out?: string;
  fast?: boolean;
  epochs?: number;
  data: RunConfig['data'];
  lang: RunConfig['lang'];
  seed: number;
  only?: string;
  text: boolean;
}

/** Builds the command-line program; `stream` receives the lesson output (default stdout). */
export function buildProgram(opts: { stream?: BarStream } = {}): Command {
  const program = new Command('mlseries')
    .description('Deep learning from scratch in TypeScript — the 《机器学习系列》 course')
    .showHelpAfterError();

  program
    .command('lesson')
    .description('run one day of the course: print its output, write its figures, end with a summary')
    .argument('<day>', `day number (${availableDays().join(', ')})`, positiveInt('day'))
    .option('-o, --out <dir>', 'folder for figures and animations (default ./out/day<N>)')
    .option('--fast', 'a shorter run that still shows learning (CI)')
    .option('--epochs <n>', 'override the epochs of the training steps', positiveInt('--epochs'))
    .addOption(
      new Option('--data <set>', 'MNIST digits: the embedded 10,000 or the full IDX files')
        .choices(['embedded', 'full'])
        .default(DEFAULT_CONFIG.data),
    )
    .addOption(
      new Option('--lang <lang>', 'language of the text').choices(['zh', 'en']).default(DEFAULT_CONFIG.lang),
    )
    .option('--seed <n>', 'seed of every random choice', positiveInt('--seed'), DEFAULT_CONFIG.seed)
    .option('--only <steps>', 'run only these steps (comma-separated numbers, 1-based)')
    .option('--no-text', 'do not print the explanations')
    .action(async (dayNumber: number, o: LessonOptions) => {
      const day = await loadDay(dayNumber);
      await runDay(day, {
        config: { fast: o.fast ?? false, epochs: o.epochs, data: o.data, lang: o.lang, seed: o.seed },
        out: o.out,
        stream: opts.stream,
        showText: o.text,
        only: o.only?.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s) : s.trim())),
      });
    });

  program
    .command('list')
    .description('list the days of the course')
    .action(async () => {
      for (const n of availableDays()) {
        const day = await loadDay(n);
        (opts.stream ?? process.stdout).write(
          `${n}  ${day.title.zh} — ${day.title.en} (${day.steps.length} steps)\n`,
        );
      }
    });

  program
    .command('data')
    .description('download and list data sets (mlseries data --help)')
    .helpOption(false)
    .allowUnknownOption()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { dataCommand } = await import('./data.js');
      process.exitCode = await dataCommand(args);
    });

  program
    .command('bench')
    .description('run the benchmarks (from a source checkout: bench/run.ts)')
    .allowUnknownOption()
    .argument('[args...]')
    .action((args: string[]) => {
      const root = packageRoot();
      const script = join(root, 'bench', 'run.ts');
      if (!existsSync(script)) {
        process.stderr.write(
          'mlseries bench: the benchmarks ship with the source repository (bench/run.ts), not the package\n',
        );
        process.exitCode = 1;
        return;
      }
      const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
        stdio: 'inherit',
        cwd: root,
      });
      process.exitCode = r.status ?? 1;
    });

  return program;
}

/** Runs the command line (`argv` as process.argv: node, script, args…). */
export async function main(
  argv: readonly string[] = process.argv,
  opts: { stream?: BarStream } = {},
): Promise<void> {
  await buildProgram(opts).parseAsync([...argv]);
}

/** `main` for a process: prints errors (a plain message for usage errors) and sets the exit code. */
export async function run(argv: readonly string[] = process.argv): Promise<void> {
  // `mlseries lesson 4 | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await main(argv);
  } catch (e) {
    const usage = e instanceof RangeError;
    process.stderr.write(
      `mlseries: ${e instanceof Error ? (usage ? e.message : (e.stack ?? e.message)) : String(e)}\n`,
    );
    process.exitCode = usage ? 2 : 1;
  }
}

const invoked = process.argv[1] ? resolve(process.argv[1]) : '';
if (invoked === fileURLToPath(import.meta.url)) await run();
