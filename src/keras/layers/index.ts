/**
 * `keras.layers`: every layer, callable with or without `new` as in Python
 * (`keras.layers.Dense(64, { activation: 'relu' })`), and the class registry that loading a
 * saved model uses.
 */
import { callable } from '../callable.js';
import type { Layer } from '../layer.js';
import * as core from './core.js';
import * as conv from './conv.js';
import * as norm from './normalization.js';
import * as emb from './embedding.js';
import * as rnn from './rnn.js';
import * as att from './attention.js';
import * as merge from './merging.js';

export {
  Layer,
  KerasTensor,
  Node,
  type LayerArgs,
  type CallArgs,
  type ShapeArg,
  type EagerInput,
} from '../layer.js';
export { Input, type InputArgs, type DenseArgs, type DropoutArgs, type ReshapeArgs } from './core.js';
export type { Conv2DArgs, Pooling2DArgs, GlobalPooling2DArgs, Padding, DataFormat, Pair } from './conv.js';
export type { BatchNormalizationArgs, LayerNormalizationArgs } from './normalization.js';
export type { EmbeddingArgs } from './embedding.js';
export {
  RNNBase,
  type RNNArgs,
  type LSTMArgs,
  type GRUArgs,
  type BidirectionalArgs,
  type MergeMode,
} from './rnn.js';
export type { MultiHeadAttentionArgs, AttentionCallArgs } from './attention.js';

export const InputLayer = callable(core.InputLayer);
export type InputLayer = core.InputLayer;
export const Dense = callable(core.Dense);
export type Dense = core.Dense;
export const Activation = callable(core.Activation);
export type Activation = core.Activation;
export const Flatten = callable(core.Flatten);
export type Flatten = core.Flatten;
export const Reshape = callable(core.Reshape);
export type Reshape = core.Reshape;
export const Dropout = callable(core.Dropout);
export type Dropout = core.Dropout;
export const Conv2D = callable(conv.Conv2D);
export type Conv2D = conv.Conv2D;
export const MaxPooling2D = callable(conv.MaxPooling2D);
export type MaxPooling2D = conv.MaxPooling2D;
export const AveragePooling2D = callable(conv.AveragePooling2D);
export type AveragePooling2D = conv.AveragePooling2D;
export const GlobalAveragePooling2D = callable(conv.GlobalAveragePooling2D);
export type GlobalAveragePooling2D = conv.GlobalAveragePooling2D;
export const BatchNormalization = callable(norm.BatchNormalization);
export type BatchNormalization = norm.BatchNormalization;
export const LayerNormalization = callable(norm.LayerNormalization);
export type LayerNormalization = norm.LayerNormalization;
export const Embedding = callable(emb.Embedding);
export type Embedding = emb.Embedding;
export const SimpleRNN = callable(rnn.SimpleRNN);
export type SimpleRNN = rnn.SimpleRNN;
export const LSTM = callable(rnn.LSTM);
export type LSTM = rnn.LSTM;
export const GRU = callable(rnn.GRU);
export type GRU = rnn.GRU;
export const Bidirectional = callable(rnn.Bidirectional);
export type Bidirectional = rnn.Bidirectional;
export const MultiHeadAttention = callable(att.MultiHeadAttention);
export type MultiHeadAttention = att.MultiHeadAttention;
export const Add = callable(merge.Add);
export type Add = merge.Add;
export const Subtract = callable(merge.Subtract);
export type Subtract = merge.Subtract;
export const Multiply = callable(merge.Multiply);
export type Multiply = merge.Multiply;
export const Average = callable(merge.Average);
export type Average = merge.Average;
export const Concatenate = callable(merge.Concatenate);
export type Concatenate = merge.Concatenate;

/** A layer class that can be rebuilt from its config. */
export type LayerClass = (new (config: Record<string, unknown>) => Layer) & { readonly className: string };

/** Built-in layer classes by Keras class name (saved configs name them so). */
export const LAYER_CLASSES: Readonly<Record<string, LayerClass>> = Object.fromEntries(
  [
    core.InputLayer,
    core.Dense,
    core.Activation,
    core.Flatten,
    core.Reshape,
    core.Dropout,
    conv.Conv2D,
    conv.MaxPooling2D,
    conv.AveragePooling2D,
    conv.GlobalAveragePooling2D,
    norm.BatchNormalization,
    norm.LayerNormalization,
    emb.Embedding,
    rnn.SimpleRNN,
    rnn.LSTM,
    rnn.GRU,
    rnn.Bidirectional,
    att.MultiHeadAttention,
    merge.Add,
    merge.Subtract,
    merge.Multiply,
    merge.Average,
    merge.Concatenate,
  ].map((C) => [C.className, C as unknown as LayerClass]),
);
