"""Golden cases for nn layers, optimisers and LR schedulers (test/nn/*.test.ts, test/optim/*.test.ts).

Run `python3 test/golden/gen_nn.py` (NumPy 2.x; no PyTorch needed) to regenerate test/golden/nn.json.

Every reference below is PyTorch's definition written out in NumPy, in float64:
- layers: `state` holds the weights under PyTorch's state_dict keys (the tests load them with
  `loadStateDict`, which also checks our parameter names), `inputs` the call arguments, `outputs`
  the results (and `grads` where the backward's routing is the point, as for max pooling ties);
- optimisers: 5 steps on the quadratic f(p) = ½ pᵀAp − bᵀp, with PyTorch's update code transcribed
  (lerp_, addcmul_, addcdiv_ in the same order); `params` is p after each step;
- schedulers: the lr after construction and after each step, from PyTorch's recursive
  (chainable) get_lr formulas, so our closed forms are checked against them.
"""
import math
import os

import numpy as np

from common import enc, write

rng = np.random.default_rng(20240531)


def rand(*shape, scale=1.0):
    return rng.standard_normal(shape) * scale


layers = []


def case(kind, name, config, state, inputs, outputs, grads=None):
    c = {
        "kind": kind,
        "name": name,
        "config": config,
        "state": {k: enc(v) for k, v in state.items()},
        "inputs": {k: enc(v) for k, v in inputs.items()},
        "outputs": {k: enc(v) for k, v in outputs.items()},
    }
    if grads is not None:
        c["grads"] = {k: enc(v) for k, v in grads.items()}
    layers.append(c)


# ----------------------------------------------------------------------------------------- linear
x = rand(4, 5)
w = rand(3, 5)
b = rand(3)
case("Linear", "linear", {"in": 5, "out": 3}, {"weight": w, "bias": b}, {"x": x}, {"y": x @ w.T + b})
x = rand(2, 3, 5)
case("Linear", "linear_3d_nobias", {"in": 5, "out": 3, "bias": False}, {"weight": w}, {"x": x}, {"y": x @ w.T})


# ------------------------------------------------------------------------------------------- conv
def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_ref(x, w, b, stride=1, padding=0, dilation=1, groups=1):
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    O, Cg, kh, kw = w.shape
    if padding == "same":
        th, tw = dh * (kh - 1), dw * (kw - 1)
        pads = (th // 2, th - th // 2, tw // 2, tw - tw // 2)
    elif padding == "valid":
        pads = (0, 0, 0, 0)
    else:
        ph, pw = pair(padding)
        pads = (ph, ph, pw, pw)
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[1]), (pads[2], pads[3])))
    N, C, Hp, Wp = xp.shape
    oh = (Hp - dh * (kh - 1) - 1) // sh + 1
    ow = (Wp - dw * (kw - 1) - 1) // sw + 1
    y = np.zeros((N, O, oh, ow))
    og = O // groups
    for g in range(groups):
        xs = xp[:, g * Cg:(g + 1) * Cg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i * dh: i * dh + sh * (oh - 1) + 1: sh, j * dw: j * dw + sw * (ow - 1) + 1: sw]
                y[:, g * og:(g + 1) * og] += np.einsum("nchw,oc->nohw", patch, w[g * og:(g + 1) * og, :, i, j])
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


conv_cases = [
    ("conv2d_basic", dict(cin=3, cout=4, k=3), (2, 3, 6, 5), {}),
    ("conv2d_stride_pad", dict(cin=2, cout=3, k=3), (2, 2, 7, 6), dict(stride=2, padding=1)),
    ("conv2d_dilation", dict(cin=2, cout=2, k=3), (1, 2, 8, 7), dict(dilation=2, padding=2)),
    ("conv2d_groups", dict(cin=4, cout=6, k=3), (2, 4, 5, 5), dict(groups=2, padding=1)),
    ("conv2d_same_even", dict(cin=2, cout=3, k=4), (1, 2, 6, 5), dict(padding="same")),
    ("conv2d_same_dilated", dict(cin=2, cout=2, k=3), (1, 2, 6, 6), dict(padding="same", dilation=2)),
    ("conv2d_rect", dict(cin=2, cout=2, k=(2, 3)), (2, 2, 6, 7), dict(stride=(2, 1), padding=(1, 0))),
    ("conv2d_depthwise", dict(cin=3, cout=6, k=3), (1, 3, 5, 6), dict(groups=3, stride=2, dilation=(1, 2), padding=(1, 2))),
]
for name, cfg, xshape, opts in conv_cases:
    kh, kw = pair(cfg["k"])
    g = opts.get("groups", 1)
    w = rand(cfg["cout"], cfg["cin"] // g, kh, kw)
    b = rand(cfg["cout"])
    x = rand(*xshape)
    config = {"in": cfg["cin"], "out": cfg["cout"], "kernel": [kh, kw], **{k: (list(v) if isinstance(v, tuple) else v) for k, v in opts.items()}}
    case("Conv2d", name, config, {"weight": w, "bias": b}, {"x": x}, {"y": conv2d_ref(x, w, b, **opts)})


def conv1d_ref(x, w, b, stride=1, padding=0, dilation=1, groups=1):
    p = padding if isinstance(padding, str) else (0, padding)
    y = conv2d_ref(x[:, :, None, :], w[:, :, None, :], b, stride=(1, stride), padding=p, dilation=(1, dilation), groups=groups)
    return y[:, :, 0, :]


for name, cin, cout, k, L, opts in [
    ("conv1d_basic", 3, 4, 3, 9, {}),
    ("conv1d_all", 4, 6, 3, 11, dict(stride=2, padding=1, dilation=2, groups=2)),
    ("conv1d_same", 2, 3, 4, 7, dict(padding="same")),
]:
    g = opts.get("groups", 1)
    w = rand(cout, cin // g, k)
    b = rand(cout)
    x = rand(2, cin, L)
    case("Conv1d", name, {"in": cin, "out": cout, "kernel": k, **opts}, {"weight": w, "bias": b}, {"x": x}, {"y": conv1d_ref(x, w, b, **opts)})


def conv_transpose2d_ref(x, w, b, stride=1, padding=0, output_padding=0, dilation=1, groups=1):
    sh, sw = pair(stride)
    ph, pw = pair(padding)
    oph, opw = pair(output_padding)
    dh, dw = pair(dilation)
    N, Cin, H, W = x.shape
    _, og, kh, kw = w.shape
    Hout = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1
    Wout = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1
    full = np.zeros((N, og * groups, Hout + 2 * ph + sh + dh * kh, Wout + 2 * pw + sw + dw * kw))
    cg = Cin // groups
    for g in range(groups):
        for c in range(g * cg, (g + 1) * cg):
            for i in range(kh):
                for j in range(kw):
                    for ih in range(H):
                        for iw in range(W):
                            full[:, g * og:(g + 1) * og, ih * sh + i * dh, iw * sw + j * dw] += x[:, c, ih, iw][:, None] * w[c, :, i, j][None, :]
    y = full[:, :, ph:ph + Hout, pw:pw + Wout]
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


for name, cin, cout, k, xshape, opts in [
    ("convT_basic", 3, 2, 3, (2, 3, 4, 3), {}),
    ("convT_stride", 2, 3, 3, (1, 2, 3, 4), dict(stride=2, padding=1, output_padding=1)),
    ("convT_groups_dil", 4, 4, 2, (2, 4, 3, 3), dict(stride=(2, 1), padding=(0, 1), dilation=2, groups=2)),
]:
    g = opts.get("groups", 1)
    kh, kw = pair(k)
    w = rand(cin, cout // g, kh, kw)
    b = rand(cout)
    x = rand(*xshape)
    config = {"in": cin, "out": cout, "kernel": [kh, kw]}
    for key, v in opts.items():
        config["outputPadding" if key == "output_padding" else key] = list(v) if isinstance(v, tuple) else v
    case("ConvTranspose2d", name, config, {"weight": w, "bias": b}, {"x": x}, {"y": conv_transpose2d_ref(x, w, b, **opts)})


# ---------------------------------------------------------------------------------------- pooling
def pool_out(size, k, s, p, ceil):
    if ceil:
        o = math.ceil((size + 2 * p - k) / s) + 1
        if (o - 1) * s >= size + p:
            o -= 1
        return o
    return (size + 2 * p - k) // s + 1


def max_pool_ref(x, g_up, k, stride=None, padding=0, ceil_mode=False):
    kh, kw = pair(k)
    sh, sw = pair(stride if stride is not None else k)
    ph, pw = pair(padding)
    N, C, H, W = x.shape
    oh, ow = pool_out(H, kh, sh, ph, ceil_mode), pool_out(W, kw, sw, pw, ceil_mode)
    y = np.zeros((N, C, oh, ow))
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(oh):
                for j in range(ow):
                    best, at = -np.inf, None
                    for a in range(i * sh - ph, i * sh - ph + kh):
                        for bb in range(j * sw - pw, j * sw - pw + kw):
                            if 0 <= a < H and 0 <= bb < W and (at is None or x[n, c, a, bb] > best):
                                best, at = x[n, c, a, bb], (a, bb)
                    y[n, c, i, j] = best
                    dx[n, c, at[0], at[1]] += g_up[n, c, i, j]  # ONE arg-max: the first in the window
    return y, dx


def avg_pool_ref(x, k, stride=None, padding=0, count_include_pad=True):
    kh, kw = pair(k)
    sh, sw = pair(stride if stride is not None else k)
    ph, pw = pair(padding)
    N, C, H, W = x.shape
    oh, ow = pool_out(H, kh, sh, ph, False), pool_out(W, kw, sw, pw, False)
    y = np.zeros((N, C, oh, ow))
    for i in range(oh):
        for j in range(ow):
            a0, b0 = i * sh - ph, j * sw - pw
            a1, b1 = max(a0, 0), max(b0, 0)
            a2, b2 = min(a0 + kh, H), min(b0 + kw, W)
            s = x[:, :, a1:a2, b1:b2].sum(axis=(2, 3))
            y[:, :, i, j] = s / (kh * kw if count_include_pad else (a2 - a1) * (b2 - b1))
    return y


ties = np.array([[1, 3, 3, 0, 2], [3, 1, 2, 2, 2], [0, 3, 3, 1, 1], [2, 2, 0, 3, 3], [1, 1, 2, 3, 0]], dtype=float)
for name, x, opts in [
    ("maxpool_k3s2p1", rand(2, 3, 7, 6), dict(k=3, stride=2, padding=1)),
    ("maxpool_k2", rand(1, 2, 6, 4), dict(k=2)),
    ("maxpool_ceil", rand(1, 2, 7, 5), dict(k=2, stride=2, ceil_mode=True)),
    ("maxpool_ties_overlap", ties.reshape(1, 1, 5, 5), dict(k=3, stride=1)),
    ("maxpool_ties_k2", ties.reshape(1, 1, 5, 5), dict(k=2, stride=2, ceil_mode=True)),
]:
    kh, kw = pair(opts["k"])
    sh = opts.get("stride", opts["k"])
    oh = pool_out(x.shape[2], kh, pair(sh)[0], pair(opts.get("padding", 0))[0], opts.get("ceil_mode", False))
    ow = pool_out(x.shape[3], kw, pair(sh)[1], pair(opts.get("padding", 0))[1], opts.get("ceil_mode", False))
    g_up = rand(x.shape[0], x.shape[1], oh, ow)
    y, dx = max_pool_ref(x, g_up, opts["k"], opts.get("stride"), opts.get("padding", 0), opts.get("ceil_mode", False))
    config = {"kernel": opts["k"], "stride": opts.get("stride"), "padding": opts.get("padding", 0), "ceilMode": opts.get("ceil_mode", False)}
    case("MaxPool2d", name, config, {}, {"x": x, "gy": g_up}, {"y": y}, {"x": dx})

for name, x, opts in [
    ("avgpool_k3s2p1", rand(2, 2, 7, 6), dict(k=3, stride=2, padding=1)),
    ("avgpool_k3s2p1_nopad", rand(2, 2, 7, 6), dict(k=3, stride=2, padding=1, count_include_pad=False)),
    ("avgpool_k2", rand(1, 3, 4, 6), dict(k=2)),
]:
    y = avg_pool_ref(x, opts["k"], opts.get("stride"), opts.get("padding", 0), opts.get("count_include_pad", True))
    config = {"kernel": opts["k"], "stride": opts.get("stride"), "padding": opts.get("padding", 0), "countIncludePad": opts.get("count_include_pad", True)}
    case("AvgPool2d", name, config, {}, {"x": x}, {"y": y})


def adaptive_ref(x, oh, ow):
    N, C, H, W = x.shape
    y = np.zeros((N, C, oh, ow))
    for i in range(oh):
        h0, h1 = (i * H) // oh, -((-(i + 1) * H) // oh)
        for j in range(ow):
            w0, w1 = (j * W) // ow, -((-(j + 1) * W) // ow)
            y[:, :, i, j] = x[:, :, h0:h1, w0:w1].mean(axis=(2, 3))
    return y


for name, xs, out in [("adaptive_7x5_to_3x2", (2, 2, 7, 5), (3, 2)), ("adaptive_6x6_to_2x3", (1, 3, 6, 6), (2, 3)), ("adaptive_global", (2, 3, 5, 4), (1, 1))]:
    x = rand(*xs)
    case("AdaptiveAvgPool2d", name, {"output": list(out)}, {}, {"x": x}, {"y": adaptive_ref(x, *out)})


# ------------------------------------------------------------------------------------ interpolate
def nearest_idx(out, size, scale):
    return np.array([min(int(math.floor(i * scale)), size - 1) for i in range(out)])


def linear_mat(out, size, scale, align):
    m = np.zeros((out, size))
    for i in range(out):
        src = i * scale if align else max(scale * (i + 0.5) - 0.5, 0.0)
        i0 = int(src)
        i1 = i0 + (1 if i0 < size - 1 else 0)
        l1 = src - i0
        m[i, i0] += 1 - l1
        m[i, i1] += l1
    return m


def interp_ref(x, size=None, scale_factor=None, mode="nearest", align_corners=False):
    ins = x.shape[2:]
    k = len(ins)
    sf = [scale_factor] * k if isinstance(scale_factor, (int, float)) else scale_factor
    outs = size if size is not None else [int(math.floor(n * f)) for n, f in zip(ins, sf)]
    mats = []
    for a in range(k):
        n, o = ins[a], outs[a]
        if mode == "nearest":
            scale = 1 / sf[a] if sf is not None else n / o
            m = np.zeros((o, n))
            m[np.arange(o), nearest_idx(o, n, scale)] = 1
        else:
            scale = ((n - 1) / (o - 1) if o > 1 else 0.0) if align_corners else (1 / sf[a] if sf is not None else n / o)
            m = linear_mat(o, n, scale, align_corners)
        mats.append(m)
    if k == 1:
        return x @ mats[0].T
    return mats[0] @ x @ mats[1].T


for name, xs, opts in [
    ("nearest_x2", (1, 2, 3, 4), dict(scale_factor=2)),
    ("nearest_size", (2, 1, 3, 4), dict(size=[5, 7])),
    ("nearest_down", (1, 1, 7, 6), dict(size=[3, 4])),
    ("bilinear_size", (1, 2, 3, 4), dict(size=[5, 7], mode="bilinear")),
    ("bilinear_align", (1, 2, 3, 4), dict(size=[5, 7], mode="bilinear", align_corners=True)),
    ("bilinear_x2", (2, 1, 3, 3), dict(scale_factor=2, mode="bilinear")),
    ("bilinear_down", (1, 1, 6, 7), dict(size=[4, 3], mode="bilinear")),
    ("linear_1d", (2, 2, 5), dict(size=[8], mode="linear")),
    ("linear_1d_align", (1, 2, 5), dict(scale_factor=1.5, mode="linear", align_corners=True)),
]:
    x = rand(*xs)
    config = {"size": opts.get("size"), "scaleFactor": opts.get("scale_factor"), "mode": opts.get("mode", "nearest")}
    if "align_corners" in opts:
        config["alignCorners"] = opts["align_corners"]
    case("Upsample", name, config, {}, {"x": x}, {"y": interp_ref(x, **opts)})


# ---------------------------------------------------------------------------------- normalisation
def bn_train(x, w, b, rm, rv, momentum=0.1, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = [1, -1] + [1] * (x.ndim - 2)
    mu = x.mean(axis=axes)
    var = x.var(axis=axes)
    n = x.size / x.shape[1]
    y = (x - mu.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) * w.reshape(shape) + b.reshape(shape)
    return y, (1 - momentum) * rm + momentum * mu, (1 - momentum) * rv + momentum * var * n / (n - 1)


def bn_eval(x, w, b, rm, rv, eps=1e-5):
    shape = [1, -1] + [1] * (x.ndim - 2)
    return (x - rm.reshape(shape)) / np.sqrt(rv.reshape(shape) + eps) * w.reshape(shape) + b.reshape(shape)


for kind, name, xs, momentum in [
    ("BatchNorm1d", "bn1d_2d", (6, 3), 0.1),
    ("BatchNorm1d", "bn1d_3d", (4, 3, 5), 0.3),
    ("BatchNorm2d", "bn2d", (3, 2, 4, 3), 0.1),
]:
    C = xs[1]
    w, b = rand(C), rand(C)
    x1, x2, x3 = rand(*xs) * 2 + 1, rand(*xs) - 0.5, rand(*xs)
    rm, rv = np.zeros(C), np.ones(C)
    y1, rm, rv = bn_train(x1, w, b, rm, rv, momentum)
    y2, rm, rv = bn_train(x2, w, b, rm, rv, momentum)
    y3 = bn_eval(x3, w, b, rm, rv)
    state = {"weight": w, "bias": b, "running_mean": np.zeros(C), "running_var": np.ones(C)}
    case(kind, name, {"features": C, "momentum": momentum}, state, {"x1": x1, "x2": x2, "x3": x3},
         {"y1": y1, "y2": y2, "y3": y3, "running_mean": rm, "running_var": rv})

x = rand(2, 3, 4, 5)
w, b = rand(4, 5), rand(4, 5)
mu = x.mean(axis=(2, 3), keepdims=True)
var = x.var(axis=(2, 3), keepdims=True)
case("LayerNorm", "layernorm_2d", {"shape": [4, 5], "eps": 1e-5}, {"weight": w, "bias": b}, {"x": x},
     {"y": (x - mu) / np.sqrt(var + 1e-5) * w + b})
x = rand(3, 6)
w, b = rand(6), rand(6)
case("LayerNorm", "layernorm_eps", {"shape": [6], "eps": 1e-3}, {"weight": w, "bias": b}, {"x": x},
     {"y": (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-3) * w + b})

for name, xs, G in [("groupnorm_4d", (2, 6, 3, 2), 3), ("groupnorm_3d", (2, 4, 5), 2), ("groupnorm_instance", (2, 3, 4, 4), 3)]:
    x = rand(*xs)
    C = xs[1]
    w, b = rand(C), rand(C)
    gx = x.reshape(xs[0], G, -1)
    y = ((gx - gx.mean(-1, keepdims=True)) / np.sqrt(gx.var(-1, keepdims=True) + 1e-5)).reshape(xs)
    shape = [1, C] + [1] * (len(xs) - 2)
    case("GroupNorm", name, {"groups": G, "channels": C}, {"weight": w, "bias": b}, {"x": x}, {"y": y * w.reshape(shape) + b.reshape(shape)})

w = rand(7, 3)
w[2] = 0
ids = np.array([[0, 2, 6], [2, 5, 1]])
case("Embedding", "embedding_pad", {"num": 7, "dim": 3, "paddingIdx": 2}, {"weight": w}, {"ids": ids}, {"y": w[ids]})


# ------------------------------------------------------------------------------------- recurrent
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def rnn_ref(mode, x, params, H, L, D, h0=None, c0=None, batch_first=False):
    if batch_first:
        x = x.transpose(1, 0, 2)
    T, B, _ = x.shape
    hn, cn = [], []
    inp = x
    for l in range(L):
        outs = []
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            wih, whh = params["weight_ih" + sfx], params["weight_hh" + sfx]
            bih, bhh = params.get("bias_ih" + sfx, 0), params.get("bias_hh" + sfx, 0)
            k = l * D + d
            h = h0[k] if h0 is not None else np.zeros((B, H))
            c = c0[k] if c0 is not None else np.zeros((B, H))
            out = np.zeros((T, B, H))
            order = range(T) if d == 0 else range(T - 1, -1, -1)
            for t in order:
                gi = inp[t] @ wih.T + bih
                gh = h @ whh.T + bhh
                if mode == "RNN_TANH":
                    h = np.tanh(gi + gh)
                elif mode == "RNN_RELU":
                    h = np.maximum(gi + gh, 0)
                elif mode == "LSTM":
                    gates = gi + gh
                    i, f, g, o = np.split(gates, 4, axis=1)
                    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
                    h = sigmoid(o) * np.tanh(c)
                else:  # GRU
                    ir, iz, inn = np.split(gi, 3, axis=1)
                    hr, hz, hn_ = np.split(gh, 3, axis=1)
                    r = sigmoid(ir + hr)
                    z = sigmoid(iz + hz)
                    n = np.tanh(inn + r * hn_)
                    h = (1 - z) * n + z * h
                out[t] = h
            outs.append(out)
            hn.append(h)
            cn.append(c)
        inp = np.concatenate(outs, axis=2)
    y = inp.transpose(1, 0, 2) if batch_first else inp
    return y, np.stack(hn), np.stack(cn)


for kind, mode, name, I, H, L, bidir, batch_first, bias, with_h0, xs in [
    ("RNN", "RNN_TANH", "rnn_tanh_2l_bi_h0", 3, 4, 2, True, False, True, True, (5, 2, 3)),
    ("RNN", "RNN_RELU", "rnn_relu", 3, 4, 1, False, True, True, False, (2, 4, 3)),
    ("LSTM", "LSTM", "lstm_1l", 3, 4, 1, False, False, True, False, (4, 3, 3)),
    ("LSTM", "LSTM", "lstm_2l_bi_bf_h0", 2, 3, 2, True, True, True, True, (2, 5, 2)),
    ("GRU", "GRU", "gru_2l_h0", 3, 4, 2, False, False, True, True, (4, 2, 3)),
    ("GRU", "GRU", "gru_bi_nobias", 2, 3, 1, True, True, False, False, (3, 4, 2)),
]:
    D = 2 if bidir else 1
    G = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}[mode] * H
    params = {}
    for l in range(L):
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            params["weight_ih" + sfx] = rand(G, I if l == 0 else H * D, scale=0.5)
            params["weight_hh" + sfx] = rand(G, H, scale=0.5)
            if bias:
                params["bias_ih" + sfx] = rand(G, scale=0.5)
                params["bias_hh" + sfx] = rand(G, scale=0.5)
    x = rand(*xs)
    B = xs[0] if batch_first else xs[1]
    h0 = rand(L * D, B, H) if with_h0 else None
    c0 = rand(L * D, B, H) if (with_h0 and mode == "LSTM") else None
    y, hn, cn = rnn_ref(mode, x, params, H, L, D, h0, c0, batch_first)
    inputs = {"x": x}
    if h0 is not None:
        inputs["h0"] = h0
    if c0 is not None:
        inputs["c0"] = c0
    outputs = {"y": y, "hn": hn}
    if mode == "LSTM":
        outputs["cn"] = cn
    config = {"input": I, "hidden": H, "numLayers": L, "bidirectional": bidir, "batchFirst": batch_first, "bias": bias,
              "nonlinearity": "relu" if mode == "RNN_RELU" else "tanh"}
    case(kind, name, config, params, inputs, outputs)


for kind, mode, name, I, H, bias, with_h, B in [
    ("RNNCell", "RNN_TANH", "rnncell", 3, 4, True, True, 2),
    ("RNNCell", "RNN_RELU", "rnncell_relu_noh", 3, 2, True, False, 3),
    ("LSTMCell", "LSTM", "lstmcell", 2, 3, True, True, 2),
    ("GRUCell", "GRU", "grucell_nobias", 3, 2, False, True, 2),
    ("GRUCell", "GRU", "grucell_unbatched", 2, 3, True, True, None),
]:
    G = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}[mode] * H
    params = {"weight_ih_l0": rand(G, I, scale=0.5), "weight_hh_l0": rand(G, H, scale=0.5)}
    if bias:
        params["bias_ih_l0"] = rand(G, scale=0.5)
        params["bias_hh_l0"] = rand(G, scale=0.5)
    x = rand(1, B or 1, I)
    h0 = rand(1, B or 1, H) if with_h else None
    c0 = rand(1, B or 1, H) if (with_h and mode == "LSTM") else None
    _, hn, cn = rnn_ref(mode, x, params, H, 1, 1, h0, c0)
    squeeze = (lambda a: a[0, 0]) if B is None else (lambda a: a[0])
    inputs = {"x": squeeze(x)}
    if h0 is not None:
        inputs["h0"] = squeeze(h0)
    if c0 is not None:
        inputs["c0"] = squeeze(c0)
    outputs = {"hn": squeeze(hn)}
    if mode == "LSTM":
        outputs["cn"] = squeeze(cn)
    state = {k.replace("_l0", ""): v for k, v in params.items()}
    case(kind, name, {"input": I, "hidden": H, "bias": bias, "nonlinearity": "relu" if mode == "RNN_RELU" else "tanh"}, state, inputs, outputs)

x = rand(2, 3, 4)
w = rand(3, 4)
case("RMSNorm", "rmsnorm_2d", {"shape": [3, 4], "eps": 1e-6}, {"weight": w}, {"x": x},
     {"y": x / np.sqrt((x * x).mean(axis=(1, 2), keepdims=True) + 1e-6) * w})
x = rand(3, 5)
w = rand(5)
case("RMSNorm", "rmsnorm_default_eps", {"shape": [5], "eps": None}, {"weight": w}, {"x": x},
     {"y": x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + np.finfo(np.float64).eps) * w})


# ------------------------------------------------------------------------------------- attention
def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def mha_ref(q, k, v, W, bW, Wo, bo, h, key_padding_mask=None, attn_mask=None, batch_first=False):
    if not batch_first:
        q, k, v = (t.transpose(1, 0, 2) for t in (q, k, v))
    N, L, E = q.shape
    S = k.shape[1]
    d = E // h
    Wq, Wk, Wv = np.split(W, 3)
    bq, bk, bv = np.split(bW, 3)
    Q = (q @ Wq.T + bq).reshape(N, L, h, d).transpose(0, 2, 1, 3)
    K = (k @ Wk.T + bk).reshape(N, S, h, d).transpose(0, 2, 1, 3)
    V = (v @ Wv.T + bv).reshape(N, S, h, d).transpose(0, 2, 1, 3)
    scores = Q @ K.transpose(0, 1, 3, 2) / math.sqrt(d)
    if attn_mask is not None:
        scores = scores + (np.where(attn_mask, -np.inf, 0.0) if attn_mask.dtype == bool else attn_mask)
    if key_padding_mask is not None:
        scores = scores + np.where(key_padding_mask, -np.inf, 0.0)[:, None, None, :]
    A = softmax(scores)
    out = (A @ V).transpose(0, 2, 1, 3).reshape(N, L, E) @ Wo.T + bo
    if not batch_first:
        out = out.transpose(1, 0, 2)
    return out, A.mean(axis=1)


E, h = 8, 2
for name, L, S, N, batch_first, kpm, am in [
    ("mha_plain", 3, 4, 2, False, False, None),
    ("mha_masks", 3, 4, 2, False, True, "bool"),
    ("mha_causal_bf", 4, 4, 2, True, False, "causal"),
    ("mha_float_mask", 3, 3, 1, True, True, "float"),
]:
    W, bW, Wo, bo = rand(3 * E, E, scale=0.4), rand(3 * E, scale=0.4), rand(E, E, scale=0.4), rand(E, scale=0.4)
    shape_q = (N, L, E) if batch_first else (L, N, E)
    shape_k = (N, S, E) if batch_first else (S, N, E)
    q, k, v = rand(*shape_q), rand(*shape_k), rand(*shape_k)
    inputs = {"query": q, "key": k, "value": v}
    key_padding_mask = None
    attn_mask = None
    if kpm:
        key_padding_mask = np.zeros((N, S), dtype=bool)
        key_padding_mask[0, -1] = True
        inputs["keyPaddingMask"] = key_padding_mask
    if am == "bool":
        attn_mask = np.zeros((L, S), dtype=bool)
        attn_mask[0, 1] = True
        attn_mask[2, 0] = True
        inputs["attnMask"] = attn_mask
    elif am == "float":
        attn_mask = rand(L, S)
        inputs["attnMask"] = attn_mask
    elif am == "causal":
        attn_mask = np.triu(np.ones((L, S), dtype=bool), 1)
    out, wts = mha_ref(q, k, v, W, bW, Wo, bo, h, key_padding_mask, attn_mask, batch_first)
    state = {"in_proj_weight": W, "in_proj_bias": bW, "out_proj.weight": Wo, "out_proj.bias": bo}
    case("MultiheadAttention", name, {"embed": E, "heads": h, "batchFirst": batch_first, "isCausal": am == "causal"}, state, inputs,
         {"y": out, "weights": wts})


def layer_norm(x, w, b, eps=1e-5):
    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + eps) * w + b


for name, norm_first in [("encoder_layer_post", False), ("encoder_layer_pre", True)]:
    E, h, F_, L, N = 8, 2, 12, 4, 2
    st = {
        "self_attn.in_proj_weight": rand(3 * E, E, scale=0.4), "self_attn.in_proj_bias": rand(3 * E, scale=0.2),
        "self_attn.out_proj.weight": rand(E, E, scale=0.4), "self_attn.out_proj.bias": rand(E, scale=0.2),
        "linear1.weight": rand(F_, E, scale=0.4), "linear1.bias": rand(F_, scale=0.2),
        "linear2.weight": rand(E, F_, scale=0.4), "linear2.bias": rand(E, scale=0.2),
        "norm1.weight": 1 + rand(E, scale=0.1), "norm1.bias": rand(E, scale=0.1),
        "norm2.weight": 1 + rand(E, scale=0.1), "norm2.bias": rand(E, scale=0.1),
    }
    x = rand(L, N, E)
    kpm = np.zeros((N, L), dtype=bool)
    kpm[1, 0] = True

    def sa(t):
        o, _ = mha_ref(t, t, t, st["self_attn.in_proj_weight"], st["self_attn.in_proj_bias"], st["self_attn.out_proj.weight"],
                       st["self_attn.out_proj.bias"], h, key_padding_mask=kpm)
        return o

    def ff(t):
        return np.maximum(t @ st["linear1.weight"].T + st["linear1.bias"], 0) @ st["linear2.weight"].T + st["linear2.bias"]

    n1 = lambda t: layer_norm(t, st["norm1.weight"], st["norm1.bias"])  # noqa: E731
    n2 = lambda t: layer_norm(t, st["norm2.weight"], st["norm2.bias"])  # noqa: E731
    if norm_first:
        y = x + sa(n1(x))
        y = y + ff(n2(y))
    else:
        y = n1(x + sa(x))
        y = n2(y + ff(y))
    case("TransformerEncoderLayer", name, {"dModel": E, "nhead": h, "dimFeedforward": F_, "normFirst": norm_first}, st,
         {"x": x, "srcKeyPaddingMask": kpm}, {"y": y})


# ------------------------------------------------------------------------------------- optimisers
M = rand(6, 6)
A = M @ M.T / 6 + np.eye(6) * 0.5
bvec = rand(6)
p0 = rand(6)


def grad(p):
    return A @ p - bvec


def run_sgd(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, maximize=False):
    p = p0.copy()
    buf = None
    out = []
    for _ in range(5):
        g = grad(p)
        d_p = g if not maximize else -g
        if weight_decay != 0:
            d_p = d_p + weight_decay * p  # d_p.add(param, alpha=weight_decay)
        if momentum != 0:
            if buf is None:
                buf = d_p.copy()
            else:
                buf = buf * momentum + (1 - dampening) * d_p  # buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
            d_p = d_p + momentum * buf if nesterov else buf
        p = p - lr * d_p  # param.add_(d_p, alpha=-lr)
        out.append(p.copy())
    return out


def run_adam(lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False, maximize=False):
    p = p0.copy()
    m = np.zeros(6)
    v = np.zeros(6)
    vmax = np.zeros(6)
    out = []
    for step in range(1, 6):
        g = grad(p)
        if maximize:
            g = -g
        if weight_decay != 0:
            if decoupled:
                p = p * (1 - lr * weight_decay)  # param.mul_(1 - lr * weight_decay)
            else:
                g = g + weight_decay * p  # grad.add(param, alpha=weight_decay)
        m = m + (g - m) * (1 - betas[0])  # exp_avg.lerp_(grad, 1 - beta1)
        v = v * betas[1] + g * g * (1 - betas[1])  # exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        bc1 = 1 - betas[0] ** step
        bc2 = 1 - betas[1] ** step
        step_size = lr / bc1
        bc2_sqrt = math.sqrt(bc2)
        if amsgrad:
            vmax = np.maximum(vmax, v)
            denom = np.sqrt(vmax) / bc2_sqrt + eps
        else:
            denom = np.sqrt(v) / bc2_sqrt + eps
        p = p - step_size * (m / denom)  # param.addcdiv_(exp_avg, denom, value=-step_size)
        out.append(p.copy())
    return out


def run_rmsprop(lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
    p = p0.copy()
    sq = np.zeros(6)
    ga = np.zeros(6)
    buf = np.zeros(6)
    out = []
    for _ in range(5):
        g = grad(p)
        if weight_decay != 0:
            g = g + weight_decay * p
        sq = sq * alpha + g * g * (1 - alpha)  # square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
        if centered:
            ga = ga + (g - ga) * (1 - alpha)  # grad_avg.lerp_(grad, 1 - alpha)
            avg = np.sqrt(sq - ga * ga) + eps  # square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_().add_(eps)
        else:
            avg = np.sqrt(sq) + eps
        if momentum > 0:
            buf = buf * momentum + g / avg  # buf.mul_(momentum).addcdiv_(grad, avg)
            p = p - lr * buf
        else:
            p = p - lr * (g / avg)  # param.addcdiv_(grad, avg, value=-lr)
        out.append(p.copy())
    return out


def run_adagrad(lr, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
    p = p0.copy()
    s = np.full(6, initial_accumulator_value)
    out = []
    for step in range(1, 6):
        g = grad(p)
        if weight_decay != 0:
            g = g + weight_decay * p
        clr = lr / (1 + (step - 1) * lr_decay)
        s = s + g * g  # state_sum.addcmul_(grad, grad, value=1)
        std = np.sqrt(s) + eps
        p = p - clr * (g / std)  # param.addcdiv_(grad, std, value=-clr)
        out.append(p.copy())
    return out


optims = []
for name, kind, opts, fn in [
    ("sgd", "SGD", dict(lr=0.1), lambda: run_sgd(0.1)),
    ("sgd_momentum", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.1, weightDecay=0.01),
     lambda: run_sgd(0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("sgd_nesterov", "SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weightDecay=0.05),
     lambda: run_sgd(0.05, momentum=0.9, nesterov=True, weight_decay=0.05)),
    ("sgd_maximize", "SGD", dict(lr=0.05, momentum=0.5, maximize=True), lambda: run_sgd(0.05, momentum=0.5, maximize=True)),
    ("adam", "Adam", dict(lr=0.1), lambda: run_adam(0.1)),
    ("adam_amsgrad_wd", "Adam", dict(lr=0.1, betas=[0.8, 0.99], weightDecay=0.1, amsgrad=True),
     lambda: run_adam(0.1, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True)),
    ("adamw", "AdamW", dict(lr=0.1, weightDecay=0.1), lambda: run_adam(0.1, weight_decay=0.1, decoupled=True)),
    ("adamw_default_wd_amsgrad", "AdamW", dict(lr=0.05, amsgrad=True, eps=1e-6),
     lambda: run_adam(0.05, weight_decay=0.01, decoupled=True, amsgrad=True, eps=1e-6)),
    ("rmsprop", "RMSprop", dict(lr=0.01, alpha=0.9), lambda: run_rmsprop(0.01, alpha=0.9)),
    ("rmsprop_centered_momentum", "RMSprop", dict(lr=0.01, centered=True, momentum=0.5, weightDecay=0.1),
     lambda: run_rmsprop(0.01, centered=True, momentum=0.5, weight_decay=0.1)),
    ("adagrad", "Adagrad", dict(lr=0.1), lambda: run_adagrad(0.1)),
    ("adagrad_all", "Adagrad", dict(lr=0.1, lrDecay=0.01, weightDecay=0.1, initialAccumulatorValue=0.1),
     lambda: run_adagrad(0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1)),
]:
    optims.append({"name": name, "kind": kind, "opts": opts, "params": [enc(p) for p in fn()]})


# ------------------------------------------------------------------------------------- schedulers
def chain(base, epochs, get_lr):
    """PyTorch's loop: lr_0 = get_lr(0, base), then lr_e = get_lr(e, lr_{e-1})."""
    lrs = []
    lr = base
    for e in range(epochs + 1):
        lr = get_lr(e, lr)
        lrs.append(lr)
    return lrs


def step_lr(step_size, gamma):
    return lambda e, lr: lr if (e == 0 or e % step_size != 0) else lr * gamma


def multistep_lr(milestones, gamma):
    return lambda e, lr: lr * gamma ** milestones.count(e) if e in milestones else lr


def exp_lr(gamma):
    return lambda e, lr: lr if e == 0 else lr * gamma


def cosine_lr(base, T_max, eta_min):
    def f(e, lr):
        if e == 0:
            return lr
        if (e - 1 - T_max) % (2 * T_max) == 0:
            return lr + (base - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
        return (1 + math.cos(math.pi * e / T_max)) / (1 + math.cos(math.pi * (e - 1) / T_max)) * (lr - eta_min) + eta_min
    return f


def linear_lr(start, end, total):
    def f(e, lr):
        if e == 0:
            return lr * start
        if e > total:
            return lr
        return lr * (1 + (end - start) / (total * start + (e - 1) * (end - start)))
    return f


scheds = []
base = 0.5
for name, kind, opts, fn, epochs in [
    ("step", "StepLR", dict(stepSize=3, gamma=0.5), step_lr(3, 0.5), 12),
    ("multistep", "MultiStepLR", dict(milestones=[2, 5, 9], gamma=0.3), multistep_lr([2, 5, 9], 0.3), 12),
    ("exponential", "ExponentialLR", dict(gamma=0.9), exp_lr(0.9), 12),
    ("cosine", "CosineAnnealingLR", dict(TMax=10, etaMin=0.01), cosine_lr(base, 10, 0.01), 25),
    ("linear", "LinearLR", dict(startFactor=0.25, endFactor=1.0, totalIters=4), linear_lr(0.25, 1.0, 4), 8),
    ("linear_decay", "LinearLR", dict(startFactor=1.0, endFactor=0.1, totalIters=5), linear_lr(1.0, 0.1, 5), 8),
]:
    scheds.append({"name": name, "kind": kind, "base": base, "opts": opts, "lrs": chain(base, epochs, fn)})

# LambdaLR and Noam are closed forms in PyTorch too
scheds.append({"name": "lambda", "kind": "LambdaLR", "base": base, "opts": {}, "lrs": [base * 0.95 ** e for e in range(11)]})
d_model, warmup = 16, 4
scheds.append({"name": "noam", "kind": "NoamLR", "base": 1.0, "opts": {"dModel": d_model, "warmupSteps": warmup, "factor": 2.0},
               "lrs": [2.0 * d_model ** -0.5 * min((e + 1) ** -0.5, (e + 1) * warmup ** -1.5) for e in range(12)]})


def plateau(metrics, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
    lr = base
    best = math.inf if mode == "min" else -math.inf
    bad = 0
    cd = 0
    lrs = []
    for m in metrics:
        if mode == "min":
            better = m < best * (1 - threshold) if threshold_mode == "rel" else m < best - threshold
        else:
            better = m > best * (threshold + 1) if threshold_mode == "rel" else m > best + threshold
        if better:
            best = m
            bad = 0
        else:
            bad += 1
        if cd > 0:
            cd -= 1
            bad = 0
        if bad > patience:
            new = max(lr * factor, min_lr)
            if lr - new > eps:
                lr = new
            cd = cooldown
            bad = 0
        lrs.append(lr)
    return lrs


metrics = [1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.89999, 0.95, 0.96, 0.97, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]
scheds.append({"name": "plateau_min", "kind": "ReduceLROnPlateau", "base": base,
               "opts": {"factor": 0.5, "patience": 2, "cooldown": 1, "minLr": 0.07}, "metrics": metrics,
               "lrs": plateau(metrics, factor=0.5, patience=2, cooldown=1, min_lr=0.07)})
acc = [0.5, 0.6, 0.6, 0.61, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7]
scheds.append({"name": "plateau_max_abs", "kind": "ReduceLROnPlateau", "base": base,
               "opts": {"mode": "max", "factor": 0.2, "patience": 1, "threshold": 0.05, "thresholdMode": "abs"}, "metrics": acc,
               "lrs": plateau(acc, mode="max", factor=0.2, patience=1, threshold=0.05, threshold_mode="abs")})

out = {"layers": layers, "optim": {"A": enc(A), "b": enc(bvec), "p0": enc(p0), "cases": optims}, "sched": scheds}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn.json")
write(path, out)
print(f"layers {len(layers)}, optimisers {len(optims)}, schedulers {len(scheds)}")
