"""Golden values from Keras 3 itself for test/keras/golden.test.ts.

Run `KERAS_BACKEND=jax python3 test/golden/gen_keras.py` (needs keras 3 and jax; made with
keras 3.15.1, jax 0.10.2) to regenerate test/golden/keras.json. It records:

- `summaries`: the text of `model.summary()` for a few models, captured with `print_fn` at the
  width Keras uses off a terminal (76 columns), with layer names from a fresh session;
- `layers`: for each layer, the input, the weights (NumPy draws, set with `set_weights`, in
  `get_weights` order) and Keras's output (inference, and training mode where it differs);
- `activations`, `losses`: values of the built-in functions on fixed inputs;
- `optimizers`: a variable after a few `apply_gradients` steps with fixed gradients;
- `train_step`: a small MLP's weights after one `train_on_batch`;
- `day3`: the Day 3 run (COURSE.md) in real Keras with the batch order of gen_keras_day3.py
  (one `fit` epoch at a time on `X[rng.permutation(200)]`, shuffle off).
"""
import io
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ["COLUMNS"] = "80"

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

from common import enc, write  # noqa: E402

out = {"keras": keras.__version__, "backend": keras.backend.backend()}
rng = np.random.default_rng(1234)


def rand(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


# ------------------------------------------------------------------------------------ summaries

def summary_text(model):
    buf = io.StringIO()
    model.summary(print_fn=lambda s, line_break=True: buf.write(s))
    return buf.getvalue()


summaries = []


def add_summary(name, build):
    keras.backend.clear_session()
    summaries.append({"name": name, "text": summary_text(build())})


add_summary("day3", lambda: keras.Sequential([
    keras.Input(shape=(2,)),
    layers.Dense(1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(0.0),
                 bias_initializer=keras.initializers.Constant(1.0)),
]))
add_summary("mnist_mlp", lambda: keras.Sequential([
    keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
]))
add_summary("cnn", lambda: keras.Sequential([
    keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
    layers.Conv2D(16, 3, strides=2, padding="same"), layers.BatchNormalization(),
    layers.GlobalAveragePooling2D(), layers.Dropout(0.5), layers.Dense(10, activation="softmax"),
]))
add_summary("rnn", lambda: keras.Sequential([
    keras.Input(shape=(10,)), layers.Embedding(100, 16),
    layers.Bidirectional(layers.LSTM(8, return_sequences=True)), layers.GRU(8), layers.Dense(1),
]))
add_summary("unbuilt", lambda: keras.Sequential([layers.Dense(4), layers.Dense(1)]))


def branches():
    inputs = keras.Input(shape=(16,))
    a = layers.Dense(8, activation="relu")(inputs)
    b = layers.Dense(8)(inputs)
    c = layers.Concatenate()([a, b])
    d = layers.Add()([layers.Dense(16)(c), inputs])
    return keras.Model(inputs=inputs, outputs=layers.Dense(1)(d))


add_summary("branches", branches)


def attention():
    x = keras.Input(shape=(5, 16))
    y = layers.MultiHeadAttention(num_heads=2, key_dim=4)(x, x)
    y = layers.LayerNormalization()(layers.Add()([x, y]))
    return keras.Model(x, y)


add_summary("attention", attention)


def functional_chain():
    x = keras.Input(shape=(4,))
    h = layers.Dense(3, activation="tanh")(x)
    return keras.Model(x, layers.Dense(2)(h))


add_summary("functional_chain", functional_chain)
out["summaries"] = summaries

# --------------------------------------------------------------------------------------- layers

cases = []


def layer_case(name, layer, x, training_too=False, call_kwargs=None, inputs_list=False, list_arg=False):
    """Builds `layer` on x (a list: separate arguments, or with list_arg one list), sets random
    weights, records outputs."""
    call_kwargs = call_kwargs or {}
    xs = x if (inputs_list or list_arg) else [x]
    y = layer(*xs, **call_kwargs) if inputs_list else layer(x, **call_kwargs)
    weights = [rand(*w.shape, scale=0.5) for w in layer.get_weights()]
    # keep variances positive for BatchNormalization
    if isinstance(layer, layers.BatchNormalization):
        weights[3] = np.abs(weights[3]) + 0.5
    layer.set_weights(weights)
    y = layer(*xs, **call_kwargs) if inputs_list else layer(x, **call_kwargs)
    ys = y if isinstance(y, (list, tuple)) else [y]
    case = {"name": name, "inputs": [enc(np.asarray(v)) for v in xs], "weights": [enc(w) for w in weights],
            "outputs": [enc(np.asarray(v)) for v in ys]}
    if training_too:
        yt = layer(x, training=True, **call_kwargs)
        case["training_outputs"] = [enc(np.asarray(v)) for v in (yt if isinstance(yt, (list, tuple)) else [yt])]
        case["weights_after_training_call"] = [enc(w) for w in layer.get_weights()]
    cases.append(case)


layer_case("dense_relu", layers.Dense(3, activation="relu"), rand(4, 5))
layer_case("dense_3d", layers.Dense(2, use_bias=False), rand(2, 3, 4))
layer_case("conv2d_valid", layers.Conv2D(3, 3, activation="relu"), rand(2, 6, 7, 2))
layer_case("conv2d_same_stride2", layers.Conv2D(4, (3, 2), strides=2, padding="same"), rand(2, 7, 6, 3))
layer_case("conv2d_dilated", layers.Conv2D(2, 3, dilation_rate=2), rand(1, 9, 9, 2))
layer_case("maxpool_valid", layers.MaxPooling2D(2), rand(2, 5, 5, 3))
layer_case("maxpool_same_stride2", layers.MaxPooling2D(3, strides=2, padding="same"), rand(1, 7, 6, 2))
layer_case("avgpool_same", layers.AveragePooling2D(2, padding="same"), rand(1, 5, 5, 2))
layer_case("gap2d", layers.GlobalAveragePooling2D(), rand(2, 4, 3, 5))
layer_case("flatten", layers.Flatten(), rand(2, 3, 4))
layer_case("reshape", layers.Reshape((4, -1)), rand(2, 3, 4))
layer_case("batchnorm", layers.BatchNormalization(), rand(6, 4), training_too=True)
layer_case("batchnorm_4d", layers.BatchNormalization(momentum=0.9, epsilon=1e-2), rand(2, 3, 3, 2), training_too=True)
layer_case("layernorm", layers.LayerNormalization(), rand(2, 3, 6))
layer_case("embedding", layers.Embedding(7, 3), np.array([[0, 3, 6], [2, 2, 1]], dtype=np.int32))
layer_case("simple_rnn_seq", layers.SimpleRNN(4, return_sequences=True), rand(2, 5, 3))
layer_case("lstm_state", layers.LSTM(4, return_state=True), rand(2, 5, 3))
layer_case("lstm_backwards_seq", layers.LSTM(3, return_sequences=True, go_backwards=True), rand(2, 4, 3))
layer_case("gru", layers.GRU(4), rand(2, 5, 3))
layer_case("gru_seq_reset_before", layers.GRU(3, return_sequences=True, reset_after=False), rand(2, 4, 3))
layer_case("bidirectional_lstm_seq", layers.Bidirectional(layers.LSTM(3, return_sequences=True)), rand(2, 4, 3))
layer_case("bidirectional_gru_sum", layers.Bidirectional(layers.GRU(3), merge_mode="sum"), rand(2, 4, 3))
layer_case("mha_self", layers.MultiHeadAttention(num_heads=2, key_dim=3), [rand(2, 4, 5), rand(2, 4, 5)],
           inputs_list=True)
layer_case("mha_cross_causal_scores", layers.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4),
           [rand(2, 3, 5), rand(2, 3, 6)], inputs_list=True,
           call_kwargs={"use_causal_mask": True, "return_attention_scores": True})
layer_case("concatenate", layers.Concatenate(), [rand(2, 3), rand(2, 4)], list_arg=True)
layer_case("add", layers.Add(), [rand(2, 3), rand(2, 3)], list_arg=True)
out["layers"] = cases

# ---------------------------------------------------------------------------------- activations

xa = np.linspace(-4, 4, 17).astype(np.float32)
out["activations"] = {
    name: enc(np.asarray(keras.activations.get(name)(xa)))
    for name in ["relu", "sigmoid", "tanh", "gelu", "elu", "selu", "softplus", "softsign", "swish", "silu",
                 "relu6", "leaky_relu", "hard_sigmoid", "mish", "exponential", "linear"]
}
xs2 = rand(3, 4)
out["activations_2d"] = {"x": enc(xs2), "softmax": enc(np.asarray(keras.activations.softmax(xs2))),
                         "log_softmax": enc(np.asarray(keras.activations.log_softmax(xs2)))}

# --------------------------------------------------------------------------------------- losses

yb = np.array([[1.0], [0.0], [1.0], [0.0]], dtype=np.float32)
pb = np.array([[0.9], [0.2], [0.4], [1.0]], dtype=np.float32)
zb = rand(4, 1, scale=2)
yc = np.array([2, 0, 1, 1], dtype=np.int32)
pc = keras.activations.softmax(rand(4, 3)).__array__().astype(np.float32)
zc = rand(4, 3, scale=2)
onehot = np.eye(3, dtype=np.float32)[yc]
yr = rand(4, 2)
pr = rand(4, 2)
L = keras.losses
losses = [
    ("binary_crossentropy", {}, yb, pb, L.BinaryCrossentropy()),
    ("binary_crossentropy", {"fromLogits": True}, yb, zb, L.BinaryCrossentropy(from_logits=True)),
    ("binary_crossentropy", {"labelSmoothing": 0.2}, yb, pb, L.BinaryCrossentropy(label_smoothing=0.2)),
    ("categorical_crossentropy", {}, onehot, pc, L.CategoricalCrossentropy()),
    ("categorical_crossentropy", {"fromLogits": True, "labelSmoothing": 0.1}, onehot, zc,
     L.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)),
    ("sparse_categorical_crossentropy", {}, yc, pc, L.SparseCategoricalCrossentropy()),
    ("sparse_categorical_crossentropy", {"fromLogits": True}, yc, zc, L.SparseCategoricalCrossentropy(from_logits=True)),
    ("mean_squared_error", {}, yr, pr, L.MeanSquaredError()),
    ("mean_absolute_error", {}, yr, pr, L.MeanAbsoluteError()),
    ("huber", {"delta": 0.5}, yr, pr, L.Huber(delta=0.5)),
]
out["losses"] = [{"name": n, "args": a, "y_true": enc(t), "y_pred": enc(p), "value": float(np.asarray(fn(t, p)))}
                 for n, a, t, p, fn in losses]

# ----------------------------------------------------------------------------------- optimizers

grads = [rand(2, 3) for _ in range(4)]
w0 = rand(2, 3)
O = keras.optimizers
opts = [
    ("Adam", {"learningRate": 0.01}, O.Adam(learning_rate=0.01)),
    ("Adam", {"learningRate": 0.01, "amsgrad": True, "beta1": 0.8}, O.Adam(learning_rate=0.01, amsgrad=True, beta_1=0.8)),
    ("AdamW", {"learningRate": 0.01}, O.AdamW(learning_rate=0.01)),
    ("SGD", {}, O.SGD()),
    ("SGD", {"learningRate": 0.1, "momentum": 0.9}, O.SGD(learning_rate=0.1, momentum=0.9)),
    ("SGD", {"learningRate": 0.1, "momentum": 0.9, "nesterov": True}, O.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)),
    ("RMSprop", {}, O.RMSprop()),
    ("RMSprop", {"learningRate": 0.01, "momentum": 0.5, "centered": True}, O.RMSprop(learning_rate=0.01, momentum=0.5, centered=True)),
    ("Adagrad", {"learningRate": 0.1}, O.Adagrad(learning_rate=0.1)),
    ("Adam", {"learningRate": 0.01, "clipnorm": 0.5}, O.Adam(learning_rate=0.01, clipnorm=0.5)),
    ("SGD", {"learningRate": 0.1, "clipvalue": 0.3, "weightDecay": 0.1}, O.SGD(learning_rate=0.1, clipvalue=0.3, weight_decay=0.1)),
]
opt_cases = []
for cls, args, opt in opts:
    v = keras.Variable(w0.copy())
    for g in grads:
        opt.apply_gradients([(g, v)])
    opt_cases.append({"className": cls, "args": args, "w0": enc(w0), "grads": [enc(g) for g in grads],
                      "w": enc(np.asarray(v))})
out["optimizers"] = opt_cases

# ----------------------------------------------------------------------------------- train step

keras.backend.clear_session()
mlp = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(5, activation="tanh"), layers.Dense(3, activation="softmax")])
mlp_w = [rand(*w.shape, scale=0.5) for w in mlp.get_weights()]
mlp.set_weights(mlp_w)
mlp.compile(optimizer=O.Adam(learning_rate=0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
xt = rand(6, 4)
yt = np.array([0, 2, 1, 1, 0, 2], dtype=np.int32)
logs = [mlp.train_on_batch(xt, yt, return_dict=True) for _ in range(3)]
out["train_step"] = {"weights0": [enc(w) for w in mlp_w], "x": enc(xt), "y": enc(yt),
                     "logs": [{k: float(v) for k, v in l.items()} for l in logs],
                     "weights": [enc(w) for w in mlp.get_weights()]}

# ---------------------------------------------------------------------------------------- day 3

keras.backend.clear_session()
X = np.random.default_rng(0).standard_normal((200, 2))
y = (X[:, 0] + X[:, 1] > 0).astype(np.float32)
model = keras.Sequential([
    keras.Input(shape=(2,)),
    layers.Dense(1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(0.0),
                 bias_initializer=keras.initializers.Constant(1.0)),
])
model.compile(optimizer=O.Adam(learning_rate=0.01), loss="binary_crossentropy", metrics=["accuracy"])
order = np.random.default_rng(0)
hist = {"accuracy": [], "loss": []}
for _ in range(5):
    p = order.permutation(200)
    h = model.fit(X[p], y[p], epochs=1, batch_size=1, shuffle=False, verbose=0)
    for k in hist:
        hist[k].append(float(h.history[k][0]))
out["day3"] = {"weights": [enc(w) for w in model.get_weights()], "history": hist,
               "evaluate": [float(v) for v in model.evaluate(X, y, verbose=0)]}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras.json")
write(path, out)
