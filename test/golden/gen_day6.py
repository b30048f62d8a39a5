"""Reference numbers for Day 6 (the hand-written RNN) from NumPy.

The same program as course/day6 written in NumPy: the vocabulary in order of first appearance,
W_hh, W_xh, W_hy = default_rng(seed).standard_normal(...) / 1000 in that order, biases zero, then
every epoch a permutation of the 58 training phrases from the same generator, per-phrase
forward, BPTT (with W_hh^T, or the tutorial's W_hh), clipping to [-1, 1], SGD lr 0.02.

Writes test/golden/day6.json: the untrained probabilities of "i am very good" and the reports
(train/test loss and accuracy) every 100 epochs of 1000, with W_hh^T and with the tutorial's W_hh.
Run: python3 test/golden/gen_day6.py  (about a minute)
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
data = json.load(open(os.path.join(HERE, "..", "..", "src", "data", "text", "rnn_sentiment.json")))
train, test = data["train"], data["test"]
vocab = []
for p in train:
    for w in p["text"].split():
        if w not in vocab:
            vocab.append(w)
V, H = len(vocab), 64


def inputs(text):
    xs = []
    for w in text.split():
        x = np.zeros((V, 1))
        x[vocab.index(w)] = 1
        xs.append(x)
    return xs


def softmax(y):
    e = np.exp(y - y.max())
    return e / e.sum()


def run(seed, epochs, transpose):
    rng = np.random.default_rng(seed)
    Whh = rng.standard_normal((H, H)) / 1000
    Wxh = rng.standard_normal((H, V)) / 1000
    Why = rng.standard_normal((2, H)) / 1000
    bh, by = np.zeros((H, 1)), np.zeros((2, 1))

    def forward(xs):
        h = np.zeros((H, 1))
        hs = [h]
        for x in xs:
            h = np.tanh(Wxh @ x + Whh @ h + bh)
            hs.append(h)
        return Why @ h + by, hs

    untrained = softmax(forward(inputs("i am very good"))[0]).ravel().tolist()
    tr = [(inputs(p["text"]), int(p["positive"])) for p in train]
    te = [(inputs(p["text"]), int(p["positive"])) for p in test]

    def evaluate(s):
        loss = corr = 0
        for xs, t in s:
            pr = softmax(forward(xs)[0])
            loss -= np.log(pr[t, 0])
            corr += int(np.argmax(pr) == t)
        return loss / len(s), corr / len(s)

    reports = []
    for epoch in range(1, epochs + 1):
        loss = corr = 0
        for i in rng.permutation(len(tr)):
            xs, t = tr[i]
            y, hs = forward(xs)
            pr = softmax(y)
            loss -= np.log(pr[t, 0])
            corr += int(np.argmax(pr) == t)
            dy = pr.copy()
            dy[t] -= 1
            n = len(xs)
            dWhy, dby = dy @ hs[n].T, dy.copy()
            dWhh, dWxh, dbh = np.zeros_like(Whh), np.zeros_like(Wxh), np.zeros_like(bh)
            dh = Why.T @ dy
            for k in reversed(range(n)):
                da = (1 - hs[k + 1] ** 2) * dh
                dbh += da
                dWhh += da @ hs[k].T
                dWxh += da @ xs[k].T
                dh = (Whh.T if transpose else Whh) @ da
            for g in (dWxh, dWhh, dWhy, dbh, dby):
                np.clip(g, -1, 1, out=g)
            Whh -= 0.02 * dWhh
            Wxh -= 0.02 * dWxh
            Why -= 0.02 * dWhy
            bh -= 0.02 * dbh
            by -= 0.02 * dby
        if epoch % 100 == 0:
            tl, ta = evaluate(te)
            reports.append({"epoch": epoch, "train_loss": loss / len(tr), "train_accuracy": corr / len(tr),
                            "test_loss": tl, "test_accuracy": ta})
    return untrained, reports


untrained, reports = run(0, 1000, True)
_, tutorial = run(0, 1000, False)
out = {"vocabulary": vocab, "untrained": untrained, "reports": reports, "tutorial_reports": tutorial}
with open(os.path.join(HERE, "day6.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote day6.json", reports[-1], tutorial[-1])
