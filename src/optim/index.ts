/**
 * `optim`: PyTorch's torch.optim — SGD, Adam, AdamW, RMSprop, Adagrad with their exact update
 * rules, learning-rate schedulers, and gradient clipping.
 *
 * ```ts
 * const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
 * opt.zeroGrad();
 * loss.backward();
 * optim.clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * ```
 */
export {
  Optimizer,
  type GroupOptions,
  type ParamGroup,
  type Params,
  type ParamState,
  type OptimizerStateDict,
} from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
export {
  LRScheduler,
  StepLR,
  MultiStepLR,
  ExponentialLR,
  CosineAnnealingLR,
  LinearLR,
  LambdaLR,
  NoamLR,
  SequentialLR,
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from './lr_scheduler.js';
export { clipGradNorm, clipGradValue } from './clip.js';
