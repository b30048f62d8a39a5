#!/usr/bin/env node
// The `mlseries` command: runs the compiled CLI (dist/app/cli/index.js, made by `npm run build`)
// when it exists, otherwise the TypeScript source through tsx (a source checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/app/cli/index.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(compiled))) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../cli/index.ts', import.meta.url).href);
}
await cli.run(process.argv);
