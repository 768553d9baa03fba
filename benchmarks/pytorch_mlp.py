#!/usr/bin/python3
"""The PyTorch peer of the Dropout.MLNet Fashion-MNIST benchmark: the same MLP, optimizer, batch size and feature
standardization, trained on the same 60k rows and tested on the same 10k. Prints one JSON object.

Usage: OMP_WAIT_POLICY=passive /usr/bin/python3 pytorch_mlp.py --dropout 0.2 --epochs 5 --threads 2 [--data DIR]
"""
import argparse, gzip, json, resource, struct, time
import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        ndim = f.read(4)[3]
        shape = struct.unpack(">" + "I" * ndim, f.read(4 * ndim))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)

    x = read_idx(f"{a.data}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    y = read_idx(f"{a.data}/train-labels-idx1-ubyte.gz").astype(np.int64)
    tx = read_idx(f"{a.data}/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    ty = read_idx(f"{a.data}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    mean, std = x.mean(0), x.std(0)
    scale = np.where(std > 1e-12, 1.0 / np.maximum(std, 1e-12), 1.0).astype(np.float32)
    x, tx = torch.from_numpy((x - mean) * scale), torch.from_numpy((tx - mean) * scale)
    y, ty = torch.from_numpy(y), torch.from_numpy(ty)

    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(a.dropout),
                          nn.Linear(512, 256), nn.ReLU(), nn.Dropout(a.dropout), nn.Linear(256, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    epoch_seconds = []
    for _ in range(a.epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(0, len(x), 128):
            idx = order[i:i + 128]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - start)
    model.eval()
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    print(json.dumps({
        "epoch_seconds": epoch_seconds,
        "test_accuracy": accuracy,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__, "threads": a.threads, "dropout": a.dropout,
    }))


if __name__ == "__main__":
    main()
