"""PyTorch peer of `npm run bench -- training` (bench/training.ts starts it; see
bench/training-worker.ts for the protocol, which this file follows step for step).

    /usr/bin/python3 bench/torch_train.py --threads=1 --model=mlp --data=DIR \
        --warmup=20 --steps=200 --reps=5 --full-max-s=20 --budget-s=150

Reads DIR/x.f32 (n x 784 float32), DIR/y.i32 and DIR/order.i32, trains the MLP or the CNN with
batch 64 and Adam lr 1e-3 in the given batch order, and prints progress lines and, last, one
`RESULT {json}` line with the fields of bench/training-common.ts's WorkerResult.
"""

import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

BATCH = 64
EPOCH_STEPS = 60_000 // BATCH


def option(name, default):
    for a in sys.argv[1:]:
        if a.startswith(f"--{name}="):
            return a[len(name) + 3 :]
    return default


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def make_model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 128),
        nn.ReLU(),
        nn.Linear(128, 10),
    )


def main():
    threads = int(option("threads", "1"))
    kind = option("model", "mlp")
    data = option("data", "")
    warmup = int(option("warmup", "10"))
    plan_steps = int(option("steps", "100"))
    reps = int(option("reps", "5"))
    full_max_s = float(option("full-max-s", "0"))
    budget_s = float(option("budget-s", "120"))

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    y = torch.from_numpy(np.fromfile(os.path.join(data, "y.i32"), dtype=np.int32).astype(np.int64))
    n = y.shape[0]
    x = torch.from_numpy(np.fromfile(os.path.join(data, "x.f32"), dtype=np.float32).reshape(n, 784))
    if kind == "cnn":
        x = x.view(n, 1, 28, 28)
    order = torch.from_numpy(np.fromfile(os.path.join(data, "order.i32"), dtype=np.int32).astype(np.int64))

    model = make_model(kind)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step(b):
        idx = order[b * BATCH : (b + 1) * BATCH]
        xb, yb = x[idx], y[idx]
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    # Which BLAS the Linear layers get: Debian's torch links whatever libblas.so.3 points to
    # (reference BLAS unless OpenBLAS is installed); convolutions go mostly through oneDNN.
    blas = "unknown"
    try:
        with open("/proc/self/maps") as f:
            libs = {os.path.realpath(line[line.index("/") :].strip()) for line in f if "blas" in line.lower() and "/" in line}
        blas = ", ".join(sorted(libs)) or "none loaded"
    except OSError:
        pass

    result = {
        "peer": f"torch-{threads}t",
        "model": kind,
        "threads": torch.get_num_threads(),
        "ok": False,
        "versions": {
            "torch": torch.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
        },
        "note": f"torch.set_num_threads({threads}); BLAS: {blas}",
    }

    b = 0
    loss_first = None

    def one():
        nonlocal b, loss_first
        loss = step(b)
        b = (b + 1) % EPOCH_STEPS
        if loss_first is None:
            loss_first = loss
        return loss

    warm = []
    for i in range(warmup):
        t = time.perf_counter()
        one()
        if i > 0:
            warm.append((time.perf_counter() - t) * 1000)
    est = median(warm) if warm else float("inf")
    full = full_max_s > 0 and est * EPOCH_STEPS / 1000 <= full_max_s
    steps = EPOCH_STEPS if full else plan_steps
    if full:
        b = 0
    print(
        f"torch {threads}t {kind}: warm-up {warmup} steps"
        + (f" ({est:.1f} ms/step)" if warm else "")
        + f"; timing {reps} x {'full epoch' if full else f'{steps} steps'}",
        flush=True,
    )

    wall_ms, cpu_ms = [], []
    loss_last = float("nan")
    load_start = os.getloadavg()[0]
    spent = 0.0
    for r in range(reps):
        if r > 0 and spent + median(wall_ms) > budget_s * 1000:
            break
        total = 0.0
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(steps):
            total += one()
        wall = (time.perf_counter() - t0) * 1000
        cpu_ms.append((time.process_time() - c0) * 1000)
        wall_ms.append(wall)
        spent += wall
        loss_last = total / steps
        print(
            f"  rep {r + 1}: {wall / 1000:.2f} s wall ({wall / steps:.2f} ms/step, CPU {cpu_ms[-1] / steps:.2f} ms/step),"
            f" mean loss {loss_last:.4f}",
            flush=True,
        )

    result.update(
        ok=True,
        mode="epoch" if full else "steps",
        warmup=warmup,
        steps=steps,
        reps=len(wall_ms),
        repWallMs=wall_ms,
        repCpuMs=cpu_ms,
        lossFirst=loss_first,
        lossLast=loss_last,
        loadStart=load_start,
        loadEnd=os.getloadavg()[0],
    )
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
