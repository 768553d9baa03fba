#!/usr/bin/python3
"""The PyTorch peer of the Dropout.MLNet tabular speed benchmark: the same MLP (hidden 128-64, ReLU, dropout, Adam 1e-3,
batch 128, cross-entropy) on the same standardized rows, read from the raw float32/int64 files the C# harness wrote.
Prints one JSON object.

Usage: OMP_WAIT_POLICY=passive /usr/bin/python3 pytorch_tabular.py --prefix DIR/shape --features 9 --classes 7 --epochs 3 --threads 2
"""
import argparse, json
import numpy as np
import torch
from torch import nn
from pytorch_mlp import standardize, test_accuracy, train


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
    x, tx = standardize(x, tx)
    y, ty = torch.from_numpy(y), torch.from_numpy(ty)

    model = nn.Sequential(nn.Linear(a.features, 128), nn.ReLU(), nn.Dropout(a.dropout),
                          nn.Linear(128, 64), nn.ReLU(), nn.Dropout(a.dropout), nn.Linear(64, a.classes))
    epoch_seconds = train(model, x, y, a.epochs, a.batch)
    accuracy = test_accuracy(model, tx, ty)
    print(json.dumps({"epoch_seconds": epoch_seconds, "test_accuracy": accuracy, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
