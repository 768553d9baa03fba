"""Writes five large synthetic meta-train sets (scikit-learn's generators) as CSV files, label column: target.

The public meta-train zoo has three sets of 10,000 rows or more; these add the shapes the fit-time target is about:
many rows and few features (classification and regression), a table keyed by two integer ids with thousands of
levels each, the shape of a ratings table, and 250,000 rows (no public table in Debian's packages outside the ones
kept for independent checks has 200,000 rows or more).
"""
import csv
import numpy as np
from sklearn import datasets


def write(name, x, y, columns=None):
    with open(name + ".csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow((columns or [f"f{i}" for i in range(x.shape[1])]) + ["target"])
        for row, target in zip(x, y):
            w.writerow(list(row) + [target])


x, y = datasets.make_classification(n_samples=100000, n_features=10, n_informative=6, n_redundant=2, n_classes=7,
                                    n_clusters_per_class=2, flip_y=0.2, random_state=1)
write("Clusters7", np.round(x, 5), [f"c{v}" for v in y])
x, y = datasets.make_hastie_10_2(n_samples=60000, random_state=2)
write("Hastie", np.round(x, 5), [f"c{int(v)}" for v in y])
x, y = datasets.make_friedman2(n_samples=50000, noise=60.0, random_state=3)
write("Friedman2", np.round(x, 5), np.round(y, 4))
rng = np.random.default_rng(4)
users, items, n = 3000, 1000, 70000
user, item = rng.integers(0, users, n), rng.integers(0, items, n)
skill, ease = rng.normal(0, 0.6, users), rng.normal(0, 0.4, items)
age = rng.integers(1, 7, n)
rating = np.clip(np.round(3 + skill[user] + ease[item] + 0.1 * age + rng.normal(0, 1.0, n)), 1, 5)
write("Ratings", np.column_stack([user, item, age]), rating, ["user", "item", "age"])
x, y = datasets.make_classification(n_samples=250000, n_features=20, n_informative=10, n_redundant=4, n_classes=3,
                                    n_clusters_per_class=3, flip_y=0.1, random_state=5)
write("Clusters3Large", np.round(x, 5), [f"c{v}" for v in y])
