/**
 * Day 1, lesson 1-2: arrays from files — CSV text, missing values, .npy/.npz, raw bytes (IDX).
 * Everything works on the file's text or bytes, so the same code runs in the browser; in Node,
 * nd.loadtxt / nd.load / nd.save read and write the files themselves.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

export const CSV = 'x,y\n1,2\n3,4\n5,6\n';
export const MISSING = '1,2,3\n4,,6\n7,8,N/A\n';
/** An IDX header as MNIST's files start: magic 2051 (0x00000803), 2 images, 28 rows, 28 columns. */
export const IDX_HEADER = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28]);

export const DISK = [
  ex(
    'disk: loadtxt csv skiprows',
    'np.loadtxt(io.StringIO("x,y\\n1,2\\n3,4\\n5,6\\n"), delimiter=",", skiprows=1)',
    "nd.parseTxt(csv, { delimiter: ',', skiprows: 1 })",
    () => nd.parseTxt(CSV, { delimiter: ',', skiprows: 1 }),
  ),
  ex(
    'disk: genfromtxt missing',
    'np.genfromtxt(io.StringIO("1,2,3\\n4,,6\\n7,8,N/A\\n"), delimiter=",")',
    "nd.parseGenfromtxt(text, { delimiter: ',' })",
    () => nd.parseGenfromtxt(MISSING, { delimiter: ',' }),
  ),
  ex(
    'disk: genfromtxt filling_values',
    'np.genfromtxt(io.StringIO(text), delimiter=",", filling_values=0)',
    "nd.parseGenfromtxt(text, { delimiter: ',', fillingValues: 0 })",
    () => nd.parseGenfromtxt(MISSING, { delimiter: ',', fillingValues: 0 }),
  ),
  ex(
    'disk: npy size',
    'f = io.BytesIO(); np.save(f, np.arange(6).reshape(2, 3)); len(f.getvalue())',
    'const bytes = nd.writeNpy(nd.arange(6).reshape(2, 3)); bytes.length',
    () => nd.writeNpy(nd.arange(6).reshape(2, 3)).length,
  ),
  ex('disk: npy round trip', 'f.seek(0); np.load(f)', 'nd.parseNpy(bytes)', () =>
    nd.parseNpy(nd.writeNpy(nd.arange(6).reshape(2, 3))),
  ),
  ex(
    'disk: npz',
    'np.savez(f, a=np.arange(3), b=np.eye(2)); d = np.load(f); sorted(d.files), d["b"]',
    'const d = nd.parseNpz(nd.writeNpz({ a: nd.arange(3), b: nd.eye(2) })); Object.keys(d), d.b',
    () => {
      const d = nd.parseNpz(nd.writeNpz({ a: nd.arange(3), b: nd.eye(2) }));
      return `([${Object.keys(d)
        .sort()
        .map((k) => `'${k}'`)
        .join(', ')}], ${d.b.toString()})`;
    },
  ),
  ex(
    'disk: frombuffer with offset',
    'np.frombuffer(bytes([0, 0, 8, 3, 0, 0, 0, 2, 1, 2, 3, 4]), dtype=">i4", offset=4).astype("i4")',
    "nd.frombuffer(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 1, 2, 3, 4]), { dtype: 'int32', byteOrder: '>', offset: 4 })",
    () =>
      nd.frombuffer(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 1, 2, 3, 4]), {
        dtype: 'int32',
        byteOrder: '>',
        offset: 4,
      }),
  ),
  ex(
    'disk: idx header',
    'np.frombuffer(header, dtype=">i4", count=4).astype("i4")  # magic, images, rows, cols',
    "nd.frombuffer(header, { dtype: 'int32', byteOrder: '>', count: 4 })",
    () => nd.frombuffer(IDX_HEADER, { dtype: 'int32', byteOrder: '>', count: 4 }),
  ),
];

export const diskStep: Step = {
  id: '1-2',
  title: {
    zh: '从文件读取：CSV、缺失值、.npy/.npz、原始字节',
    en: 'From files: CSV, missing values, .npy/.npz, raw bytes',
  },
  text: {
    zh: `文本表格用 \`loadtxt\`（指定分隔符、跳过表头行）；有缺失值时用 \`genfromtxt\`，读不出的字段变成 nan，
或用 \`fillingValues\` 指定的值。NumPy 自己的二进制格式 .npy（一个数组）和 .npz（多个数组的 zip）可以原样读写，
和 Python 互通。\`frombuffer\` 把一段字节直接解释成数组，\`offset\` 跳过开头的字节、\`>\` 表示大端序——
第 5 天读 MNIST 的 IDX 文件就是这样：前 16 个字节是四个大端 int32（魔数 2051、图片数、行数、列数），后面是像素。
这里的函数处理的是文件的文本或字节，所以同样能在浏览器里运行；在 Node 里 \`nd.loadtxt\`/\`nd.load\`/\`nd.save\` 直接读写文件。`,
    en: `Text tables: \`loadtxt\` (delimiter, header rows to skip); with missing values \`genfromtxt\` turns the
fields it cannot read into nan, or into \`fillingValues\`. NumPy's own binary formats, .npy (one array) and .npz
(a zip of several), are read and written as they are, interchangeable with Python. \`frombuffer\` views raw
bytes as an array; \`offset\` skips leading bytes and \`>\` means big-endian — exactly how Day 5 reads MNIST's
IDX files: sixteen header bytes as four big-endian int32 (magic 2051, count, rows, columns), then the pixels.
These functions take the file's text or bytes, so they run in the browser too; in Node,
\`nd.loadtxt\`/\`nd.load\`/\`nd.save\` read and write the files themselves.`,
  },
  run(ctx) {
    showExamples(ctx, DISK);
  },
};
