"""The seeds' linear regression (y = 1 + 2x + noise, from "Deep Learning with PyTorch
Step-by-Step") trained the torch way: ``nn.Linear`` + ``optim.SGD`` + ``MSELoss``, with
``TensorDataset``/``DataLoader`` mini-batches, a validation loop under ``no_grad``, a
checkpoint saved and restored, and the model's parameters printed as it goes.

    python -m compat examples/nn_regression.py          # on compat
    python -m compat --torch examples/nn_regression.py  # the same script on torch

Both print the same text.
"""
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset, random_split

# The book's synthetic data: y = 1 + 2x + noise.
np.random.seed(42)
x = np.random.rand(100, 1)
y = 1 + 2 * x + .1 * np.random.randn(100, 1)

x_tensor = torch.as_tensor(x).float()
y_tensor = torch.as_tensor(y).float()
dataset = TensorDataset(x_tensor, y_tensor)

torch.manual_seed(13)
train_data, val_data = random_split(dataset, [80, 20])
train_loader = DataLoader(dataset=train_data, batch_size=16, shuffle=True)
val_loader = DataLoader(dataset=val_data, batch_size=16)

torch.manual_seed(42)
model = nn.Sequential(nn.Linear(1, 1))
optimizer = optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss(reduction='mean')
print(model)
print(model.state_dict())


def train_step(x_batch, y_batch):
    model.train()
    yhat = model(x_batch)
    loss = loss_fn(yhat, y_batch)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()


def val_step(x_batch, y_batch):
    model.eval()
    with torch.no_grad():
        return loss_fn(model(x_batch), y_batch).item()


n_epochs = 100
losses, val_losses = [], []
for epoch in range(n_epochs):
    losses.append(float(np.mean([train_step(xb, yb) for xb, yb in train_loader])))
    val_losses.append(float(np.mean([val_step(xb, yb) for xb, yb in val_loader])))
    if epoch % 20 == 0 or epoch == n_epochs - 1:
        print(f"epoch {epoch:3d}  train loss {losses[-1]:.4f}  val loss {val_losses[-1]:.4f}")

print(model.state_dict())
print(optimizer)

# Save a checkpoint, break the model, restore it.
checkpoint = {'epoch': n_epochs, 'model_state_dict': model.state_dict(),
              'optimizer_state_dict': optimizer.state_dict(), 'loss': losses, 'val_loss': val_losses}
path = os.path.join(tempfile.mkdtemp(), 'model_checkpoint.pth')
torch.save(checkpoint, path)
with torch.no_grad():
    model[0].weight.fill_(0.)
restored = torch.load(path)
model.load_state_dict(restored['model_state_dict'])
optimizer.load_state_dict(restored['optimizer_state_dict'])
print(restored['epoch'], model.state_dict())

# Predictions for new inputs.
new_inputs = torch.tensor([[.20], [.34], [.57]])
model.eval()
print(model(new_inputs.to('cpu')))
