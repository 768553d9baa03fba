#!/usr/bin/python3
"""The PyTorch peer of the Dropout.MLNet tabular speed benchmark: the same MLP (hidden 128-64, ReLU, dropout, Adam 1e-3,
batch 128, cross-entropy) on the same standardized rows, read from the raw float32/int64 files the C# harness wrote.
Prints one JSON object.

Usage: OMP_WAIT_POLICY=passive /usr/bin/python3 pytorch_tabular.py --prefix DIR/shape --features 9 --classes 7 --epochs 3 --threads 2
"""
import argparse, json, time
import numpy as np
import torch
from torch import nn


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--prefix", required=True)
    p.add_argument("--features", type=int, required=True)
    p.add_argument("--classes", type=int, required=True)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)

    def load(split):
        x = np.fromfile(f"{a.prefix}.{split}.features", dtype=np.float32).reshape(-1, a.features)
        y = np.fromfile(f"{a.prefix}.{split}.labels", dtype=np.int64)
        return x, y

    x, y = load("train")
    tx, ty = load("test")
    mean, std = x.mean(0), x.std(0)
    scale = np.where(std > 1e-12, 1.0 / np.maximum(std, 1e-12), 1.0).astype(np.float32)
    x, tx = torch.from_numpy((x - mean) * scale), torch.from_numpy((tx - mean) * scale)
    y, ty = torch.from_numpy(y), torch.from_numpy(ty)

    model = nn.Sequential(nn.Linear(a.features, 128), nn.ReLU(), nn.Dropout(a.dropout),
                          nn.Linear(128, 64), nn.ReLU(), nn.Dropout(a.dropout), nn.Linear(64, a.classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    epoch_seconds = []
    for _ in range(a.epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(0, len(x), a.batch):
            idx = order[i:i + a.batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - start)
    model.eval()
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    print(json.dumps({"epoch_seconds": epoch_seconds, "test_accuracy": accuracy, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
