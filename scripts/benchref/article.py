# The article's recipe with numpy, vectorised as the article wrote it: the
# reference that the native engine is measured against (make bench).
import time

import numpy as np

n = 10000
X = np.vstack([np.random.normal(0, 0.5, (n, 2)), np.random.normal(2, 0.5, (n, 2))])
Y = np.hstack([np.zeros(n), np.ones(n)])
w, b, lr = np.zeros(2), 0.0, 0.0005
start = time.time()
for _ in range(20000):
    d = 1 / (1 + np.exp(-(X.dot(w) + b))) - Y
    w -= lr * X.T.dot(d)
    b -= lr * np.mean(d)
print("%.3f" % (time.time() - start))
