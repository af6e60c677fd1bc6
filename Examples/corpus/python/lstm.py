"""LSTM forward over a sequence (the classic NumPy min-char-rnn / cs231n lstm_step_forward style), float32."""
import numpy as np
from corpus_inputs import det


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x.dot(Wx) + prev_h.dot(Wh) + b
    ai, af, ao, ag = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
    i = sigmoid(ai)
    f = sigmoid(af)
    o = sigmoid(ao)
    g = np.tanh(ag)
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c


def lstm_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    H = h0.shape[1]
    h = np.zeros((N, T, H), dtype=x.dtype)
    prev_h = h0
    prev_c = np.zeros_like(h0)
    for t in range(T):
        prev_h, prev_c = lstm_step_forward(x[:, t, :], prev_h, prev_c, Wx, Wh, b)
        h[:, t, :] = prev_h
    return h, prev_c


def run(N, T, D, H):
    x = det((N, T, D), 11, -1.0, 1.0, np.float32)
    h0 = det((N, H), 12, -0.5, 0.5, np.float32)
    Wx = det((D, 4 * H), 13, -0.3, 0.3, np.float32)
    Wh = det((H, 4 * H), 14, -0.3, 0.3, np.float32)
    b = det((4 * H,), 15, -0.1, 0.1, np.float32)
    h, c = lstm_forward(x, h0, Wx, Wh, b)
    return {"h": h, "c": c}


ARGS = [3, 5, 7, 4]
