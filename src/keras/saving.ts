/**
 * Saving and loading models: the architecture as JSON (`{ className, config }`, the configs of
 * config.ts) and the weights as safetensors keyed by weight path (`dense/kernel`,
 * `bidirectional/forward_lstm/recurrent_kernel`), through src/io's model files:
 *
 *   await model.save('out/mnist');             // out/mnist.json + out/mnist.safetensors, atomically
 *   const m = await keras.loadModel('out/mnist');
 *
 * The compile configuration (optimiser, loss and metrics given by name or built-in object) is
 * saved too, so a loaded model can be evaluated or trained further; the optimiser's state is not.
 * File access is Node-only and loaded on demand; `modelToFiles` / `modelFromFiles` work on
 * bytes in any host.
 */
import type { NDArray } from '../nd/ndarray.js';
import { FormatError, ValueError } from '../nd/errors.js';
import { decodeModelFiles, encodeModelFiles, type EncodedModelFiles } from '../io/modelfiles.js';
import { Layer, type KerasTensor } from './layer.js';
import { LAYER_CLASSES, type LayerClass } from './layers/index.js';
import { InputLayer } from './layers/core.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';
import { toJson, type LayerJson } from './config.js';
import { pyShape } from './shape.js';
import type { KerasVariable } from './variable.js';
import { OPTIMIZER_CLASSES, Optimizer } from './optimizers.js';
import { LOSS_CLASSES, Loss } from './losses.js';

/** The version tag written into saved architectures. */
export const FORMAT = 'mlseries.keras';

/** What a saved model's JSON holds. */
export interface ModelJson {
  format: typeof FORMAT;
  className: string;
  config: Record<string, unknown>;
  compileConfig?: Record<string, unknown> | null;
}

function isLayerJson(v: unknown): v is LayerJson {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as LayerJson).className === 'string' &&
    typeof (v as LayerJson).config === 'object'
  );
}

const customLayers = new Map<string, LayerClass>();

/** Makes a user layer class loadable by its class name. */
export function registerLayer(cls: LayerClass): void {
  customLayers.set(cls.className, cls);
}

/** Rebuilds a layer (or model) from `{ className, config }`. */
export function deserializeLayer(json: LayerJson): Layer {
  const { className, config } = json;
  if (className === 'Sequential') {
    const layers = (config.layers as LayerJson[]).map(deserializeLayer);
    return new Sequential({ ...config, layers });
  }
  if (className === 'Functional') return functionalFromConfig(config);
  const Cls = LAYER_CLASSES[className] ?? customLayers.get(className);
  if (!Cls)
    throw new ValueError(
      `Unknown layer: '${className}'. Register a custom layer class with keras.saving.registerLayer before loading.`,
    );
  const revived: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    revived[k] =
      isLayerJson(v) && (v.className in LAYER_CLASSES || customLayers.has(v.className))
        ? deserializeLayer(v)
        : v;
  }
  return new Cls(revived);
}

function functionalFromConfig(config: Record<string, unknown>): Model {
  const layers = (config.layers as LayerJson[]).map(deserializeLayer);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const produced = new Map<string, KerasTensor[][]>();
  for (const l of layers) if (l instanceof InputLayer) produced.set(l.name, [[l.output]]);
  const lookup = ([name, node, index]: [string, number, number]): KerasTensor => {
    const t = produced.get(name)?.[node]?.[index];
    if (!t)
      throw new FormatError(
        `Model config refers to ${name}[${node}][${index}], which does not exist at that point`,
      );
    return t;
  };
  for (const n of config.nodes as {
    layer: string;
    inputs: [string, number, number][];
    args: Record<string, unknown>;
    singleInput: boolean;
  }[]) {
    const layer = byName.get(n.layer);
    if (!layer) throw new FormatError(`Model config calls unknown layer ${n.layer}`);
    const out = layer.symbolicCall(n.inputs.map(lookup), n.singleInput, n.args ?? {});
    const list = produced.get(n.layer) ?? [];
    list.push(Array.isArray(out) ? out : [out]);
    produced.set(n.layer, list);
  }
  const ins = (config.inputs as [string, number, number][]).map(lookup);
  const outs = (config.outputs as [string, number, number][]).map(lookup);
  return new Model({
    name: config.name as string,
    trainable: config.trainable as boolean,
    inputs: config.singleInput ? ins[0] : ins,
    outputs: config.singleOutput ? outs[0] : outs,
  });
}

/** The model's weights by path, in model order (shared weights once). */
export function weightEntries(model: Model): [string, KerasVariable][] {
  const out: [string, KerasVariable][] = [];
  const seen = new Set<KerasVariable>();
  const walk = (layer: Layer, prefix: string): void => {
    for (const [name, w] of layer.namedOwnWeights()) {
      if (seen.has(w)) continue;
      seen.add(w);
      out.push([`${prefix}${layer.name}/${name}`, w]);
    }
    for (const sub of layer.innerLayers()) walk(sub, `${prefix}${layer.name}/`);
  };
  for (const l of model.layers) walk(l, '');
  const keys = new Set<string>();
  for (const [k] of out) {
    if (keys.has(k))
      throw new ValueError(
        `Two weights of model "${model.name}" share the path ${k}; give the layers unique names`,
      );
    keys.add(k);
  }
  return out;
}

function compileConfig(model: Model): Record<string, unknown> | null {
  if (!model.compiled || !model.optimizer) return null;
  const opt = model.optimizer;
  const loss = model.loss;
  const metrics = model.trainState?.metricSpecs ?? [];
  if (!(opt.className in OPTIMIZER_CLASSES)) return null;
  if (loss && !(loss.className in LOSS_CLASSES)) return null;
  if (metrics.some((m) => typeof m !== 'string')) return null;
  return {
    optimizer: { className: opt.className, config: toJson(opt.getConfig(), 'optimizer') },
    loss: loss ? { className: loss.className, config: toJson(loss.getConfig(), 'loss') } : null,
    metrics,
  };
}

/** The architecture of `model` as saved. */
export function serializeModel(model: Model): ModelJson {
  return {
    format: FORMAT,
    className: model.className,
    config: toJson(model.getConfig(), model.name) as Record<string, unknown>,
    compileConfig: compileConfig(model),
  };
}

/** Rebuilds a model from `serializeModel`'s output (weights freshly initialised). */
export function deserializeModel(json: unknown): Model {
  const j = json as ModelJson;
  if (typeof j !== 'object' || j === null || j.format !== FORMAT || typeof j.className !== 'string') {
    throw new FormatError(
      `Not a saved Keras model: expected {"format": "${FORMAT}", "className": …, "config": …}`,
    );
  }
  const model = deserializeLayer({ className: j.className, config: j.config });
  if (!(model instanceof Model))
    throw new FormatError(`The saved architecture is a ${j.className} layer, not a model`);
  const cc = j.compileConfig;
  if (cc) {
    const o = cc.optimizer as LayerJson;
    const l = cc.loss as LayerJson | null;
    const Opt = OPTIMIZER_CLASSES[o.className] as new (c: unknown) => Optimizer;
    const L = l ? (LOSS_CLASSES[l.className] as new (c: unknown) => Loss) : null;
    model.compile({
      optimizer: new Opt(o.config),
      loss: L && l ? new L(l.config) : undefined,
      metrics: cc.metrics as string[],
    });
  }
  return model;
}

/** Copies saved arrays into the model's weights; every weight must be present with its shape. */
export function setWeightsByPath(
  model: Model,
  saved: ReadonlyMap<string, NDArray> | Readonly<Record<string, NDArray>>,
): void {
  const arrays: ReadonlyMap<string, NDArray> = saved instanceof Map ? saved : new Map(Object.entries(saved));
  const entries = weightEntries(model);
  const problems: string[] = [];
  for (const [k, w] of entries) {
    const a = arrays.get(k);
    if (!a) problems.push(`missing weight ${k}`);
    else if (a.ndim !== w.ndim || a.shape.some((d, i) => d !== w.shape[i])) {
      problems.push(
        `weight ${k} has shape ${pyShape(a.shape)} in the file but ${pyShape(w.shape)} in the model`,
      );
    }
  }
  const known = new Set(entries.map(([k]) => k));
  for (const k of arrays.keys()) if (!known.has(k)) problems.push(`unexpected weight ${k}`);
  if (problems.length > 0)
    throw new ValueError(`Cannot load weights into model "${model.name}":\n  ${problems.join('\n  ')}`);
  for (const [k, w] of entries) w.assign(arrays.get(k)!);
}

function ensureBuilt(model: Model, what: string): void {
  if (!model.built)
    throw new ValueError(
      `Model "${model.name}" is not built yet, so it has no weights to ${what}; call it on data (or give it an Input) first`,
    );
}

/** Both files' contents (browser-safe): `<name>.json` text and `<name>.safetensors` bytes. */
export function modelToFiles(model: Model, weightsFile = 'model.safetensors'): EncodedModelFiles {
  ensureBuilt(model, 'save');
  return encodeModelFiles(
    { architecture: serializeModel(model), weights: weightEntries(model) },
    weightsFile,
  );
}

/** Rebuilds a model from the two files' contents (the JSON may be null). */
export function modelFromFiles(json: string | null, weights: Uint8Array | ArrayBuffer): Model {
  const files = decodeModelFiles(json, weights);
  const model = deserializeModel(files.architecture);
  setWeightsByPath(model, files.weights);
  return model;
}

/** `model.save(path)`: `<path>.json` + `<path>.safetensors`, each written atomically. Node only. */
export async function saveModel(model: Model, path: string): Promise<void> {
  ensureBuilt(model, 'save');
  const io = await import('../io/node.js');
  io.saveModelFiles(path, { architecture: serializeModel(model), weights: weightEntries(model) });
}

/** `keras.loadModel(path)`. Node only. */
export async function loadModel(path: string): Promise<Model> {
  const io = await import('../io/node.js');
  const files = io.loadModelFiles(path);
  const model = deserializeModel(files.architecture);
  setWeightsByPath(model, files.weights);
  return model;
}

/** Weights only, as one safetensors file (atomic). Node only. */
export async function saveWeights(model: Model, path: string): Promise<void> {
  ensureBuilt(model, 'save');
  const io = await import('../io/node.js');
  const file = path.endsWith('.safetensors') ? path : `${path}.safetensors`;
  io.saveSafetensors(file, weightEntries(model), { format: 'keras' });
}

/** Loads weights from `saveWeights` (or the weights file of `save`). Node only. */
export async function loadWeights(model: Model, path: string): Promise<void> {
  ensureBuilt(model, 'load');
  const io = await import('../io/node.js');
  const file = path.endsWith('.safetensors') ? path : `${path}.safetensors`;
  const { tensors } = io.loadSafetensors(file);
  setWeightsByPath(model, tensors);
}
