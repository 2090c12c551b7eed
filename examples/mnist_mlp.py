"""A small MNIST-shaped classifier (1×28×28 images, 10 classes) trained on synthetic data:
an MLP with ``Flatten``, ``Linear``, ``ReLU``, ``Dropout``, ``CrossEntropyLoss``, ``Adam`` and a
``StepLR`` schedule, mini-batches from a shuffled ``DataLoader``, accuracy under ``eval()``.

The data are made reproducibly: each class is a fixed random prototype image plus noise, so
the task is learnable in a few epochs. Nothing is downloaded.

    python -m compat examples/mnist_mlp.py          # on compat
    python -m compat --torch examples/mnist_mlp.py  # the same script on torch

Both print the same text.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
n_train, n_test, n_classes = 512, 256, 10
prototypes = torch.rand(n_classes, 1, 28, 28)


def make_split(n):
    labels = torch.randint(0, n_classes, (n,))
    images = prototypes[labels] + 0.8 * torch.randn(n, 1, 28, 28)
    return TensorDataset(images, labels)


train_loader = DataLoader(make_split(n_train), batch_size=64, shuffle=True)
test_loader = DataLoader(make_split(n_test), batch_size=128)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.layers = nn.Sequential(
            nn.Linear(28 * 28, 128), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(128, 64), nn.ReLU(),
            nn.Linear(64, n_classes),
        )

    def forward(self, x):
        return self.layers(self.flatten(x))


model = MLP()
print(model)
print(sum(p.numel() for p in model.parameters()), "parameters")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
loss_fn = nn.CrossEntropyLoss()


def evaluate():
    model.eval()
    correct, total, loss = 0, 0, 0.0
    with torch.no_grad():
        for images, labels in test_loader:
            logits = model(images)
            loss += F.cross_entropy(logits, labels, reduction='sum').item()
            correct += (logits.argmax(dim=1) == labels).sum().item()
            total += labels.shape[0]
    return loss / total, correct / total


for epoch in range(4):
    model.train()
    running = 0.0
    for images, labels in train_loader:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        running += loss.item() * labels.shape[0]
    scheduler.step()
    test_loss, accuracy = evaluate()
    print(f"epoch {epoch}  lr {scheduler.get_last_lr()[0]:.2e}  train loss "
          f"{running / n_train:.4f}  test loss {test_loss:.4f}  accuracy {accuracy:.3f}")

print(model.layers[-1].bias)
probs = F.softmax(model(test_loader.dataset.tensors[0][:3]), dim=1)
print(probs.argmax(dim=1), test_loader.dataset.tensors[1][:3])
