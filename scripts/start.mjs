#!/usr/bin/env node
// `npm start`: builds the web course when web/dist is missing or older than its sources, then
// serves it on 127.0.0.1 (port 5173, or PORT) with the COOP/COEP headers that make the page
// cross-origin isolated (SharedArrayBuffer for the wasm backend's threads). Offline: everything
// is bundled. `--no-build` serves what is there; `--build-only` builds and exits.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const args = new Set(process.argv.slice(2));

/** Newest modification time (ms) of the files under `dir` (skipping dist, node_modules, dot folders). */
function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  const st = statSync(dir);
  if (!st.isDirectory()) return st.mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function needsBuild() {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = ['web', 'course', 'src', 'build/wasm', 'package.json'].map((p) => newest(join(root, p)));
  return Math.max(...sources) > built;
}

async function build() {
  console.log('Building the web course (web/dist)…');
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'error' });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  // NOTE: served as bytes, never with Content-Encoding: the loader gunzips the IDX files itself.
  '.gz': 'application/octet-stream',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

function serve(port) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(dist, normalize('.' + path));
    const headers = { ...ISOLATION };
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    headers['Content-Type'] = TYPES[extname(file)] ?? 'application/octet-stream';
    headers['Content-Length'] = String(statSync(file).size);
    // hashed assets never change; the page itself is always revalidated
    headers['Cache-Control'] = path.startsWith('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  server.on('error', (err) => {
    console.error(`Cannot serve on 127.0.0.1:${port}: ${err.message}`);
    console.error('Set another port with PORT=5174 npm start');
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log('mlseries — 深度学习 7 天速成 / deep learning in 7 days, in TypeScript');
    console.log(`The course is at  http://127.0.0.1:${actual}/   (Ctrl+C to stop)`);
  });
  return server;
}

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(1);
}
if (!args.has('--no-build') && (args.has('--build-only') || needsBuild())) await build();
if (!args.has('--build-only')) {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('web/dist is missing: run npm run web:build');
    process.exit(1);
  }
  const server = serve(port);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
