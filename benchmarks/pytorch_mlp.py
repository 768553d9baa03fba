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


def standardize(x, tx):
    """Both sets scaled by the training set's mean and standard deviation (constant columns left unscaled)."""
    mean, std = x.mean(0), x.std(0)
    scale = np.where(std > 1e-12, 1.0 / np.maximum(std, 1e-12), 1.0).astype(np.float32)
    return torch.from_numpy((x - mean) * scale), torch.from_numpy((tx - mean) * scale)


def train(model, x, y, epochs, batch):
    """Adam 1e-3 on cross-entropy, shuffled mini-batches; returns each epoch's seconds."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    epoch_seconds = []
    for _ in range(epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - start)
    return epoch_seconds


def test_accuracy(model, tx, ty):
    model.eval()
    with torch.no_grad():
        return (model(tx).argmax(1) == ty).float().mean().item()


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
    x, tx = standardize(x, tx)
    y, ty = torch.from_numpy(y), torch.from_numpy(ty)

    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(a.dropout),
                          nn.Linear(512, 256), nn.ReLU(), nn.Dropout(a.dropout), nn.Linear(256, 10))
    epoch_seconds = train(model, x, y, a.epochs, 128)
    accuracy = test_accuracy(model, tx, ty)
    print(json.dumps({
        "epoch_seconds": epoch_seconds,
        "test_accuracy": accuracy,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__, "threads": a.threads, "dropout": a.dropout,
    }))


if __name__ == "__main__":
    main()
