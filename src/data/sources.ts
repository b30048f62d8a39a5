/**
 * Where the full MNIST and Fashion-MNIST files live online, with their sizes and SHA-256 sums.
 * Plain data (no Node imports), shared by the downloader, the loaders' error messages and the CLI.
 */
import type { ImageDatasetName } from './mnist.js';

/** One file of a data set: its name on the mirrors, its size in bytes and its SHA-256. */
export interface RemoteFile {
  name: string;
  size: number;
  sha256: string;
}

/** A data set's mirrors (base URLs ending in `/`, tried in order) and files. */
export interface RemoteDataset {
  name: ImageDatasetName;
  title: string;
  homepage: string;
  mirrors: readonly string[];
  files: readonly RemoteFile[];
}

/**
 * MNIST (LeCun, Cortes, Burges) and Fashion-MNIST (Zalando Research, MIT). The SHA-256 sums are
 * the ones torchvision, TensorFlow Datasets and others pin for these exact files. yann.lecun.com
 * often answers 403 nowadays, so it comes last. Fashion-MNIST's own S3 site is HTTP only; its
 * GitHub repository holds the same files.
 */
export const DATASETS: Readonly<Record<ImageDatasetName, RemoteDataset>> = {
  mnist: {
    name: 'mnist',
    title: 'MNIST',
    homepage: 'http://yann.lecun.com/exdb/mnist/',
    mirrors: [
      'https://ossci-datasets.s3.amazonaws.com/mnist/',
      'https://storage.googleapis.com/cvdf-datasets/mnist/',
      'http://yann.lecun.com/exdb/mnist/',
    ],
    files: [
      {
        name: 'train-images-idx3-ubyte.gz',
        size: 9912422,
        sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
      },
      {
        name: 'train-labels-idx1-ubyte.gz',
        size: 28881,
        sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
      },
      {
        name: 't10k-images-idx3-ubyte.gz',
        size: 1648877,
        sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
      },
      {
        name: 't10k-labels-idx1-ubyte.gz',
        size: 4542,
        sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
      },
    ],
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    homepage: 'https://github.com/zalandoresearch/fashion-mnist',
    mirrors: [
      'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
      'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
    ],
    files: [
      {
        name: 'train-images-idx3-ubyte.gz',
        size: 26421880,
        sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
      },
      {
        name: 'train-labels-idx1-ubyte.gz',
        size: 29515,
        sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
      },
      {
        name: 't10k-images-idx3-ubyte.gz',
        size: 4422102,
        sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
      },
      {
        name: 't10k-labels-idx1-ubyte.gz',
        size: 5148,
        sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
      },
    ],
  },
};

/** Debian's `dataset-fashion-mnist` package installs the four (re-gzipped) files here. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The data set names the downloader and loaders accept. */
export function isImageDatasetName(name: string): name is ImageDatasetName {
  return name === 'mnist' || name === 'fashion-mnist';
}
