"""Tensors and NumPy arrays sharing memory: the same program prints the same text through
torch and through compat (``python -m compat examples/tensors_numpy_bridge.py``)."""
import numpy as np
import torch

torch.manual_seed(0)

# A tensor and the NumPy array it gives share memory: writes through either are seen by both.
weights = torch.ones(5)
print(f"weights: {weights}")
view = weights.numpy()
print(f"as numpy: {view}")
weights.add_(1)
print(f"after weights.add_(1): {weights} / {view}")
view[0] = -3.0
print(f"after view[0] = -3: {weights}")

# An array and the tensor made from it share memory too (dtype kept: float64).
counts = np.ones(5)
tensor = torch.from_numpy(counts)
np.add(counts, 1, out=counts)
print(f"after np.add(..., out=counts): {tensor} / {counts}")
tensor.mul_(10)
print(f"after tensor.mul_(10): {counts}")

# Views of a tensor give strided arrays over the same memory.
grid = torch.arange(12.0).reshape(3, 4)
columns = grid.t().numpy()
print(f"transposed view: shape {columns.shape}, strides {columns.strides}")
columns[1, 2] = 100.0
print(grid)
grid[0].zero_()
print(columns)

# A model trained on a dataset that lives in NumPy arrays.
features = np.linspace(-1.0, 1.0, 64 * 8, dtype=np.float32).reshape(64, 8)
targets = features @ np.arange(1.0, 9.0, dtype=np.float32) / 8.0
inputs, labels = torch.from_numpy(features), torch.from_numpy(targets)
model = torch.nn.Linear(8, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(5):
    loss = torch.nn.functional.mse_loss(model(inputs).squeeze(1), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")

# Parameters made from arrays share them as well: an optimizer step updates the array.
start = np.zeros(3, dtype=np.float32)
parameter = torch.nn.Parameter(torch.from_numpy(start))
step = torch.optim.SGD([parameter], lr=0.5)
(parameter - torch.tensor([1.0, 2.0, 3.0])).pow(2).sum().backward()
step.step()
print(f"array after one step: {start}")
