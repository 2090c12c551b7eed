"""Example for seed document 002 (autograd, requires_grad, backward, grad, zero_, no_grad and the
dynamic computation graph, from "Deep Learning with PyTorch Step-by-Step").

The document's code blocks run here in order, with their indentation restored. Added, because
the document leaves them out: the synthetic data its regression uses (made as the book makes
it), a print wherever the document shows a value or a figure (``make_dot``'s DOT text stands in
for the rendered graph), and a try/except around the update the document says fails.

    python -m compat examples/seed_002_regression.py
"""
import numpy as np
import torch
from torchviz import make_dot

# --- Added: the book's synthetic data, y = 1 + 2x + noise, shuffled 80/20 into train/val
np.random.seed(42)
x = np.random.rand(100, 1)
y = 1 + 2 * x + .1 * np.random.randn(100, 1)
idx = np.arange(100)
np.random.shuffle(idx)
train_idx = idx[:80]
val_idx = idx[80:]
x_train, y_train = x[train_idx], y[train_idx]
x_val, y_val = x[val_idx], y[val_idx]

device = 'cuda' if torch.cuda.is_available() else 'cpu'
x_train_tensor = torch.as_tensor(x_train).float().to(device)
y_train_tensor = torch.as_tensor(y_train).float().to(device)

# ### requires_grad
device = 'cuda' if torch.cuda.is_available() else 'cpu'
# Step 0 - Initializes parameters "b" and "w" randomly
torch.manual_seed(42)
b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
print(b, w)

# ### backward
# Step 1 - Computes our model's predicted output - forward pass
yhat = b + w * x_train_tensor
# Step 2 - Computes the loss
# We are using ALL data points, so this is BATCH gradient descent.
# How wrong is our model? That's the error!
error = (y_train_tensor - yhat)
# It is a regression, so it computes mean squared error (MSE)
loss = (error ** 2).mean()
# Step 3 - Computes gradients for both "b" and "w" parameters
# No more manual computation of gradients!
loss.backward()

# ### grad
print((b.grad, w.grad))

# ### zero_
# This code will be placed after Step 4 (updating the parameters)
print((b.grad.zero_(), w.grad.zero_()))

# ### Updating Parameters
lr = 0.1

# Attempt at Step 4
try:
    b -= lr * b.grad
    w -= lr * w.grad
except RuntimeError as err:  # added: the document explains that this fails
    print(f"RuntimeError: {err}")

# ### no_grad
# Step 4, for real
with torch.no_grad():
    b -= lr * b.grad
    w -= lr * w.grad
print(b, w)

# Putting it all together
device = 'cuda' if torch.cuda.is_available() else 'cpu'
# Step 0 - Initializes parameters "b" and "w" randomly
torch.manual_seed(42)
b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
lr = 0.1
for epoch in range(200):
    # Step 1 - Computes our model's predicted output - forward pass
    yhat = b + w * x_train_tensor
    # Step 2 - Computes the loss
    # We are using ALL data points, so this is BATCH gradient descent.
    # How wrong is our model? That's the error!
    error = (y_train_tensor - yhat)
    # It is a regression, so it computes mean squared error (MSE)
    loss = (error ** 2).mean()
    # Step 3 - Computes gradients for both "b" and "w" parameters
    # No more manual computation of gradients!
    loss.backward()
    # Step 4, for real
    with torch.no_grad():
        b -= lr * b.grad
        w -= lr * w.grad
    # This code will be placed after Step 4 (updating the parameters)
    b.grad.zero_(), w.grad.zero_()
print(b, w)

# ### Dynamic Computation Graph
# Steps 0 and 1 only: the parameters and the predictions
torch.manual_seed(42)
b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
yhat = b + w * x_train_tensor
print(make_dot(yhat).source)

# New Step 0
b_nograd = torch.randn(1, requires_grad=False, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
# New Step 1
yhat = b_nograd + w * x_train_tensor
print(make_dot(yhat).source)

b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True,dtype=torch.float, device=device)
yhat = b + w * x_train_tensor
error = y_train_tensor - yhat
loss = (error ** 2).mean()
# this makes no sense!!
if loss > 0:
    yhat2 = w * x_train_tensor
    error2 = y_train_tensor - yhat2
# neither does this :-)
loss += error2.mean()
print(make_dot(loss).source)
