/**
 * Vite config of the web course: root web/, lessons and library imported from ../course and ../src,
 * workers as ES modules, every asset bundled (no CDN), COOP/COEP on the dev and preview servers so
 * the page is cross-origin isolated (SharedArrayBuffer for the wasm backend's threads).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The headers that make the page cross-origin isolated. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  root: webRoot,
  base: './',
  publicDir: false,
  server: {
    host: '127.0.0.1',
    port,
    strictPort: false,
    headers: ISOLATION_HEADERS,
    fs: { allow: [repoRoot] },
  },
  preview: { host: '127.0.0.1', port, headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // NOTE: keep the gzipped MNIST files and the .wasm modules as files, never base64 in the JS.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
});
