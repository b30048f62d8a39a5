/**
 * `nn`: PyTorch's torch.nn on mlseries tensors — Module and Parameter, containers, layers,
 * losses, initialisers (`nn.init`), the functional forms (`nn.functional` / `nn.F`) and the seeded
 * default generator (`nn.manualSeed`).
 *
 * ```ts
 * nn.manualSeed(0);
 * const model = new nn.Sequential(new nn.Linear(2, 16), new nn.ReLU(), new nn.Linear(16, 2));
 * const loss = new nn.CrossEntropyLoss().call(model.call(x), y);
 * ```
 */
export {
  Module,
  Parameter,
  cloneModule,
  snakeCase,
  type AnyModule,
  type ForwardHook,
  type StateDict,
} from './module.js';
export { manualSeed, defaultGenerator, type Generator } from './rng.js';
export type { LayerOptions, FloatDType } from './options.js';
export { Sequential, ModuleList, ModuleDict, type TensorModule } from './containers.js';
export { Linear, Identity, Flatten, Unflatten } from './linear.js';
export { Conv1d, Conv2d, ConvTranspose2d } from './conv.js';
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool2d, Upsample } from './pooling.js';
export { ReLU, LeakyReLU, GELU, SiLU, Tanh, Sigmoid, Softmax, LogSoftmax } from './activation.js';
export { Dropout } from './dropout.js';
export {
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  GroupNorm,
  RMSNorm,
  type BatchNormOptions,
} from './normalization.js';
export { Embedding } from './embedding.js';
export {
  RNN,
  LSTM,
  GRU,
  RNNCell,
  LSTMCell,
  GRUCell,
  rnnStep,
  lstmStep,
  gruStep,
  type RNNOptions,
} from './rnn.js';
export {
  MultiheadAttention,
  generateSquareSubsequentMask,
  type AttentionCallOptions,
  type Mask,
} from './attention.js';
export {
  TransformerEncoderLayer,
  TransformerDecoderLayer,
  TransformerEncoder,
  TransformerDecoder,
  Transformer,
  type TransformerLayerOptions,
  type TransformerOptions,
} from './transformer.js';
export {
  MSELoss,
  L1Loss,
  HuberLoss,
  SmoothL1Loss,
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  NLLLoss,
  KLDivLoss,
  MultiMarginLoss,
} from './loss.js';
export * as init from './init.js';
export * as functional from '../autograd/functional.js';
export * as F from '../autograd/functional.js';
