"""Writes scikit-learn's diabetes data set and a 20,000-row Friedman #1 sample as CSV files (label column: target)."""
import csv
from sklearn import datasets

diabetes = datasets.load_diabetes()
friedman = datasets.make_friedman1(n_samples=20000, n_features=10, noise=1.0, random_state=0)
for name, (x, y) in [("Diabetes", (diabetes.data, diabetes.target)), ("Friedman1", friedman)]:
    with open(name + ".csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"f{i}" for i in range(x.shape[1])] + ["target"])
        for row, target in zip(x, y):
            w.writerow(list(row) + [target])
