/**
 * Day 5, lesson 1-13: MNIST from its IDX files — the big-endian header (magic 2051 for images, 2049
 * for labels), the pixels after it — and a 3×5 grid of digits titled "index label".
 */
import * as nd from '../../src/nd/index.js';
import { gunzip } from '../../src/nd/io/index.js';
import { loadEmbeddedMnist } from '../../src/data/index.js';
import * as plot from '../../src/plot/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { loadDigits } from '../day3/mnist.js';

/** The embedded set's two training files (gzipped IDX, shipped under src/data/embedded). */
function embeddedFiles(): { images: URL; labels: URL } {
  // NOTE: literal `new URL('…', import.meta.url)` so that bundlers see and copy the files.
  return {
    images: new URL('../../src/data/embedded/mnist-10k/train-images-idx3-ubyte.gz', import.meta.url),
    labels: new URL('../../src/data/embedded/mnist-10k/train-labels-idx1-ubyte.gz', import.meta.url),
  };
}

/** The bytes behind a URL: read from disk in Node (file: URL), fetched in the browser; null if absent. */
async function readBytes(url: URL): Promise<Uint8Array | null> {
  try {
    if (url.protocol === 'file:') {
      // Node only; the lesson stays browser-safe because this import runs only for file: URLs
      const { readFile } = await import('node:fs/promises');
      return new Uint8Array(await readFile(url));
    }
    const res = await fetch(url);
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/**
 * The raw bytes of the embedded training images and labels (IDX, after gunzip). When the files are
 * not next to the code (a build that did not copy them), the same bytes are rebuilt with `writeIdx`
 * from the arrays `loadEmbeddedMnist` returns.
 */
export async function trainIdxBytes(): Promise<{
  images: Uint8Array;
  labels: Uint8Array;
  gzipped: number[];
  source: string;
}> {
  const urls = embeddedFiles();
  const [gi, gl] = await Promise.all([readBytes(urls.images), readBytes(urls.labels)]);
  if (gi && gl) {
    return {
      images: gunzip(gi),
      labels: gunzip(gl),
      gzipped: [gi.length, gl.length],
      source: 'src/data/embedded/mnist-10k',
    };
  }
  const { train } = await loadEmbeddedMnist({ dtype: 'uint8' });
  return {
    images: nd.writeIdx(train.images),
    labels: nd.writeIdx(train.labels.astype('uint8')),
    gzipped: [0, 0],
    source: 'writeIdx(loadEmbeddedMnist())',
  };
}

/** An IDX header: magic, then one big-endian uint32 per dimension. */
export interface IdxHeader {
  magic: number;
  /** 0x08 for unsigned bytes. */
  type: number;
  dims: number[];
  /** Where the data starts: 4 + 4 · ndim. */
  dataOffset: number;
}

/** Reads an IDX header by hand: bytes 0–3 the magic (00 00 type ndim), then ndim big-endian uint32. */
export function readIdxHeader(bytes: Uint8Array): IdxHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false); // false: big-endian ("network order")
  const type = bytes[2];
  const ndim = bytes[3];
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { magic, type, dims, dataOffset: 4 + 4 * ndim };
}

const hex = (bytes: Uint8Array, n: number) =>
  Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join(' ');

export const mnistStep: Step = {
  id: '1-13',
  title: { zh: '从 IDX 文件读 MNIST', en: 'Reading MNIST from IDX files' },
  text: {
    zh: `MNIST 的四个文件是 IDX 格式：开头是魔数（图片文件 2051 = 0x00000803，标签文件 2049 = 0x00000801；
第三个字节 0x08 表示无符号字节，第四个字节是维数），接着每一维一个**大端**（高位在前）的 32 位整数，然后就是数据。
所以读图片就是：跳过 16 个字节，剩下的每个字节是一个 0–255 的像素，按 (N, 28, 28) 排好。
课程自带的 10,000 张数字就是这样存的（gzip 压缩的 IDX，在 src/data/embedded 下）；我们先手工读一遍文件头，
再用 \`nd.frombuffer\` 取像素，和 \`loadEmbeddedMnist()\` 对比。\`--data full\` 时用完整的 60,000 / 10,000 张。`,
    en: `The four MNIST files are in the IDX format: a magic number first (2051 = 0x00000803 for images, 2049 =
0x00000801 for labels; the third byte 0x08 means unsigned bytes, the fourth is the number of dimensions), then one
**big-endian** (most significant byte first) 32-bit integer per dimension, then the data. Reading the images means:
skip 16 bytes, and every byte after that is one pixel 0–255, in (N, 28, 28) order. The course's 10,000 embedded digits
are stored exactly so (gzipped IDX under src/data/embedded); we read the header by hand, take the pixels with
\`nd.frombuffer\`, and compare with \`loadEmbeddedMnist()\`. With \`--data full\` the lesson uses the full 60,000 / 10,000.`,
  },
  async run(ctx: LessonContext) {
    const raw = await trainIdxBytes();
    const hi = readIdxHeader(raw.images);
    const hl = readIdxHeader(raw.labels);
    ctx.print(`source: ${raw.source}`);
    ctx.print(`train-images-idx3-ubyte: ${raw.images.length} bytes; first 16: ${hex(raw.images, 16)}`);
    ctx.print(
      `  magic ${hi.magic} (type 0x${hi.type.toString(16).padStart(2, '0')}, ${hi.dims.length} dims), dims ${hi.dims.join(' × ')}`,
    );
    ctx.print(`train-labels-idx1-ubyte: ${raw.labels.length} bytes; first 8: ${hex(raw.labels, 8)}`);
    ctx.print(`  magic ${hl.magic}, ${hl.dims[0]} labels`);
    ctx.record('idx.imagesMagic', hi.magic);
    ctx.record('idx.labelsMagic', hl.magic);
    ctx.record('idx:count', hi.dims[0]);
    ctx.record('idx:rows', hi.dims[1]);
    ctx.record('idx:cols', hi.dims[2]);

    // the pixels: one byte each after the header (the same with the int32 header as NumPy would read it)
    ctx.print(
      "header = nd.frombuffer(bytes, { dtype: '>i4', count: 4 }) →",
      nd.frombuffer(raw.images, { dtype: '>i4', count: 4 }),
    );
    const images = nd.frombuffer(raw.images, { dtype: 'uint8', offset: hi.dataOffset }).reshape(hi.dims); // (N, 28, 28)
    const labels = nd.frombuffer(raw.labels, { dtype: 'uint8', offset: hl.dataOffset }); // (N,)
    ctx.print(
      `images ${images.dtype} (${images.shape.join(', ')}), labels ${labels.dtype} (${labels.shape.join(', ')})`,
    );
    ctx.print('labels[:15] =', labels.get(nd.slice(0, 15)));
    ctx.print('images[0, 10:16, 10:16] =');
    ctx.print(images.get(0, nd.slice(10, 16), nd.slice(10, 16)));
    const { train } = await loadEmbeddedMnist({ dtype: 'uint8' });
    const same =
      Boolean(nd.arrayEqual(images, train.images)) &&
      Boolean(nd.arrayEqual(labels.astype('int64'), train.labels));
    ctx.print(`same as loadEmbeddedMnist({ dtype: 'uint8' }): ${same}`);
    ctx.record('idx.sameAsLoader', same);

    // the grid, from the run's data set (embedded or full), pixels in [0, 1]
    const digits = await loadDigits(ctx.config);
    const n = 15;
    const titles = Array.from({ length: n }, (_, i) => `${i} ${digits.train.labels.item(i)}`);
    const { fig } = plot.imageGrid(digits.train.images.get(nd.slice(0, n)), {
      cols: 5,
      titles,
      cmap: 'gray',
      vmin: 0,
      vmax: 1,
      suptitle: 'index label',
      tileSize: 110,
    });
    await ctx.figure('digits', fig);
  },
};
