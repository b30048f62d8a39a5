"""NumPy references for Days 3 and 5 (COURSE.md), written the way the originals wrote them.

Run `python3 test/golden/gen_day3_day5.py` (NumPy only) to regenerate test/golden/day3_day5.json,
which test/course/day3.test.ts and test/course/day5.test.ts compare the lessons against.

- Day 3, the momentum ball (guide ch. 03): f(x) = 0.1x^4 - sin 2.5x + 0.5 cos 1.5x + 0.2x^2,
  start -3, lr 0.01, 100 steps, v = mu*v - lr*f'(x); x += v, with mu = 0.85 and mu = 0 (plain SGD).
- Day 5, the Sobel example: the 4x4 image and the vertical Sobel filter, valid and same padding.
- Day 5, the CNN of Victor Zhou's "CNNs from scratch" (the course's source): its Conv3x3, MaxPool2
  and Softmax classes with their per-region loops, verbatim except that MaxPool2.backprop takes
  `fix_ties` -- False is the original (the gradient goes to every tied maximum, bug #7), True
  sends it to the first arg-max only, as the lesson does. The parameters come from
  `default_rng(0)` (filters randn/9, then weights randn/1352) -- our nd.random.defaultRng(0) gives
  the same numbers -- and the images are the embedded digits (src/data/embedded/mnist-10k), read
  from their IDX files and scaled as the loader does (float32 p/255), then minus 0.5.
  Recorded: one image's loss, probabilities and gradients (fixed and original), and the parameters
  after one epoch of per-image SGD (lr 0.005) over the first 200 training images in the order
  `rng.permutation(200)` of the same generator.
"""
import gzip
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EMBEDDED = os.path.join(HERE, "..", "..", "src", "data", "embedded", "mnist-10k")


# ------------------------------------------------------------------------------ Day 3: momentum

def f(x):
    return 0.1 * x ** 4 - np.sin(2.5 * x) + 0.5 * np.cos(1.5 * x) + 0.2 * x ** 2


def df(x):
    return 0.4 * x ** 3 - 2.5 * np.cos(2.5 * x) - 0.75 * np.sin(1.5 * x) + 0.4 * x


def descend(mu, start=-3.0, lr=0.01, steps=100):
    x, v, xs = start, 0.0, [start]
    for _ in range(steps):
        v = mu * v - lr * df(x)
        x = x + v
        xs.append(x)
    return xs


# ---------------------------------------------------------------------- Day 5: the original CNN

class Conv3x3:
    def __init__(self, filters):
        self.num_filters = filters.shape[0]
        self.filters = filters.copy()

    def iterate_regions(self, image):
        h, w = image.shape
        for i in range(h - 2):
            for j in range(w - 2):
                yield image[i:(i + 3), j:(j + 3)], i, j

    def forward(self, input):
        self.last_input = input
        h, w = input.shape
        output = np.zeros((h - 2, w - 2, self.num_filters))
        for im_region, i, j in self.iterate_regions(input):
            output[i, j] = np.sum(im_region * self.filters, axis=(1, 2))
        return output

    def backprop(self, d_L_d_out, learn_rate):
        d_L_d_filters = np.zeros(self.filters.shape)
        for im_region, i, j in self.iterate_regions(self.last_input):
            for f in range(self.num_filters):
                d_L_d_filters[f] += d_L_d_out[i, j, f] * im_region
        self.filters -= learn_rate * d_L_d_filters
        self.last_grad = d_L_d_filters
        return None


class MaxPool2:
    def __init__(self, fix_ties):
        self.fix_ties = fix_ties

    def iterate_regions(self, image):
        h, w, _ = image.shape
        for i in range(h // 2):
            for j in range(w // 2):
                yield image[(i * 2):(i * 2 + 2), (j * 2):(j * 2 + 2)], i, j

    def forward(self, input):
        self.last_input = input
        h, w, num_filters = input.shape
        output = np.zeros((h // 2, w // 2, num_filters))
        for im_region, i, j in self.iterate_regions(input):
            output[i, j] = np.amax(im_region, axis=(0, 1))
        return output

    def backprop(self, d_L_d_out):
        d_L_d_input = np.zeros(self.last_input.shape)
        for im_region, i, j in self.iterate_regions(self.last_input):
            h, w, f = im_region.shape
            amax = np.amax(im_region, axis=(0, 1))
            done = np.zeros(f, dtype=bool)
            for i2 in range(h):
                for j2 in range(w):
                    for f2 in range(f):
                        if im_region[i2, j2, f2] == amax[f2]:
                            if self.fix_ties and done[f2]:
                                continue  # the fix: only the first maximum gets the gradient
                            d_L_d_input[i * 2 + i2, j * 2 + j2, f2] = d_L_d_out[i, j, f2]
                            done[f2] = True
        return d_L_d_input


class Softmax:
    def __init__(self, weights, biases):
        self.weights = weights.copy()
        self.biases = biases.copy()

    def forward(self, input):
        self.last_input_shape = input.shape
        input = input.flatten()
        self.last_input = input
        totals = np.dot(input, self.weights) + self.biases
        self.last_totals = totals
        exp = np.exp(totals)
        return exp / np.sum(exp, axis=0)

    def backprop(self, d_L_d_out, learn_rate):
        for i, gradient in enumerate(d_L_d_out):
            if gradient == 0:
                continue
            t_exp = np.exp(self.last_totals)
            S = np.sum(t_exp)
            d_out_d_t = -t_exp[i] * t_exp / (S ** 2)
            d_out_d_t[i] = t_exp[i] * (S - t_exp[i]) / (S ** 2)
            d_t_d_w = self.last_input
            d_t_d_b = 1
            d_t_d_inputs = self.weights
            d_L_d_t = gradient * d_out_d_t
            d_L_d_w = d_t_d_w[np.newaxis].T @ d_L_d_t[np.newaxis]
            d_L_d_b = d_L_d_t * d_t_d_b
            d_L_d_inputs = d_t_d_inputs @ d_L_d_t
            self.weights -= learn_rate * d_L_d_w
            self.biases -= learn_rate * d_L_d_b
            self.last_grads = (d_L_d_w, d_L_d_b)
            return d_L_d_inputs.reshape(self.last_input_shape)


class Net:
    def __init__(self, filters, weights, biases, fix_ties):
        self.conv = Conv3x3(filters)
        self.pool = MaxPool2(fix_ties)
        self.softmax = Softmax(weights, biases)

    def forward(self, image, label):
        out = self.conv.forward(image)
        out = self.pool.forward(out)
        out = self.softmax.forward(out)
        loss = -np.log(out[label])
        acc = 1 if np.argmax(out) == label else 0
        return out, loss, acc

    def train(self, im, label, lr=0.005):
        out, loss, acc = self.forward(im, label)
        gradient = np.zeros(10)
        gradient[label] = -1 / out[label]
        gradient = self.softmax.backprop(gradient, lr)
        gradient = self.pool.backprop(gradient)
        self.conv.backprop(gradient, lr)
        return out, loss, acc


def read_idx(name):
    with gzip.open(os.path.join(EMBEDDED, name), "rb") as fh:
        data = fh.read()
    magic = int.from_bytes(data[0:4], "big")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return magic, np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def prepare(img):
    # the loader's float32 p/255, then the original's "- 0.5" in float64
    return (img.astype(np.float32) / np.float32(255)).astype(np.float64) - 0.5


def main():
    out = {}
    mom, sgd = descend(0.85), descend(0.0)
    out["momentum"] = {"x": mom[-1], "f": float(f(mom[-1])), "furthest": max(mom), "sgd_x": sgd[-1],
                       "sgd_f": float(f(sgd[-1]))}

    im = np.array([[0, 50, 0, 29], [0, 80, 31, 2], [33, 90, 0, 75], [0, 9, 0, 95]])
    k = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    win = np.lib.stride_tricks.sliding_window_view
    out["sobel"] = {"valid": np.einsum("ijab,ab->ij", win(im, (3, 3)), k).tolist(),
                    "same": np.einsum("ijab,ab->ij", win(np.pad(im, 1), (3, 3)), k).tolist()}

    mi, images = read_idx("train-images-idx3-ubyte.gz")
    ml, labels = read_idx("train-labels-idx1-ubyte.gz")
    out["idx"] = {"images_magic": mi, "labels_magic": ml, "shape": list(images.shape),
                  "labels15": labels[:15].tolist()}

    rng = np.random.default_rng(0)
    filters = rng.standard_normal((8, 3, 3)) / 9
    weights = rng.standard_normal((1352, 10)) / 1352
    biases = np.zeros(10)
    one = {}
    for idx in (0, 1):
        image, label = prepare(images[idx]), int(labels[idx])
        case = {"index": idx, "label": label}
        for fix in (True, False):
            net = Net(filters, weights, biases, fix)
            probs, loss, _ = net.train(image, label, lr=0.0)  # lr 0: gradients only
            key = "fixed" if fix else "original"
            case["loss"] = float(loss)
            case["probs"] = probs.tolist()
            case[key] = {"filters": net.conv.last_grad.tolist(), "biases": net.softmax.last_grads[1].tolist(),
                         "weights_row0": net.softmax.last_grads[0][0].tolist(),
                         "weights_sum": net.softmax.last_grads[0].sum(axis=0).tolist()}
        one[str(idx)] = case
    out["cnn_one"] = one

    net = Net(filters, weights, biases, True)
    order = rng.permutation(200)
    losses = []
    for i in order:
        _, loss, _ = net.train(prepare(images[i]), int(labels[i]), lr=0.005)
        losses.append(float(loss))
    out["cnn_epoch200"] = {"order10": order[:10].tolist(), "mean_loss": float(np.mean(losses)),
                           "filters": net.conv.filters.tolist(), "biases": net.softmax.biases.tolist(),
                           "weights_sum": net.softmax.weights.sum(axis=0).tolist()}

    path = os.path.join(HERE, "day3_day5.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"{path}: momentum x {mom[-1]:.6f}, sgd {sgd[-1]:.6f}; Sobel {out['sobel']['valid']}; "
          f"epoch over 200 images: mean loss {out['cnn_epoch200']['mean_loss']:.4f}")


if __name__ == "__main__":
    main()
