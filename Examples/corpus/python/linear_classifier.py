"""linear_classifier: NumPy original of Examples/corpus/LinearClassifier.swift.

Source: Stanford CS231n assignment 1 (MIT license), cs231n/classifiers/linear_classifier.py,
`LinearClassifier.predict` (the class scores `X.dot(self.W)` and their argmax per row), and the
training notebooks' accuracy `np.mean(y_train == y_train_pred)`. The original's first line
`y_pred = np.zeros(X.shape[0])` is overwritten at once and is left out here.
Exercises: a matrix product, argmax over axis 1 (int64 labels), comparing int64 arrays, the
mean of a bool array, a float-to-int64 cast for the labels.
"""

import numpy as np

from corpus_inputs import det


def predict(X, W):
    y_pred = np.argmax(X.dot(W), axis=1)
    return y_pred


def run(n, d, c):
    X = det((n, d), 31, -1.0, 1.0)
    W = det((d, c), 32, -0.01, 0.01)
    y = det((n,), 33, 0.0, float(c)).astype(np.int64)
    y_pred = predict(X, W)
    accuracy = np.mean(y == y_pred)
    return {"y_pred": y_pred, "accuracy": np.asarray(accuracy)}


ARGS = [500, 64, 10]
