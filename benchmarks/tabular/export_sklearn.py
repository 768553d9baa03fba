"""Writes scikit-learn's bundled data sets as CSV files beside this script's working folder (label column: target)."""
import csv
from sklearn import datasets

for name, loader in [("Iris", datasets.load_iris), ("Wine", datasets.load_wine),
                     ("WisconsinCancer", datasets.load_breast_cancer), ("Digits", datasets.load_digits)]:
    d = loader()
    with open(name + ".csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"f{i}" for i in range(d.data.shape[1])] + ["target"])
        for x, y in zip(d.data, d.target):
            w.writerow(list(x) + [f"c{y}"])
