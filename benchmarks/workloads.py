"""The benchmarked training steps, each written once for a torch-like library (torch or compat)
and once in plain JAX (a jitted ``value_and_grad`` step, the fastest a JAX user would write).

Each builder returns ``(step, sync)``: ``step()`` runs one training step and returns the loss;
``sync(loss)`` waits for it (JAX dispatches asynchronously).
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax


# --------------------------------------------------------------------------- torch-like
def seed_loop(lib, points=100):
    """The seed documents' loop: linear regression, backward, no_grad update, grad.zero_()."""
    lib.manual_seed(42)
    x = lib.rand(points, 1)
    y = 1 + 2 * x + .1 * lib.randn(points, 1)
    b = lib.randn(1, requires_grad=True, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)

    def step():
        yhat = b + w * x
        loss = ((y - yhat) ** 2).mean()
        loss.backward()
        with lib.no_grad():
            b.sub_(0.1 * b.grad)
            w.sub_(0.1 * w.grad)
        b.grad.zero_()
        w.grad.zero_()
        return loss
    return step


def _trainer(lib, model, opt, inputs, target, loss_fn):
    def step():
        opt.zero_grad()
        loss = loss_fn(model(inputs), target)
        loss.backward()
        opt.step()
        return loss
    return step


def mlp(lib):
    """784→512→512→10 with ReLU, cross-entropy, batch 128, SGD(lr=0.01)."""
    lib.manual_seed(0)
    nn = lib.nn
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                          nn.Linear(512, 10))
    opt = lib.optim.SGD(model.parameters(), lr=0.01)
    return _trainer(lib, model, opt, lib.randn(128, 784), lib.randint(0, 10, (128,)),
                    nn.functional.cross_entropy)


def cnn(lib):
    """Two 3×3 conv layers (8, 16 channels) with ReLU and 2×2 max-pooling, then a linear
    classifier, on 32 grey 28×28 images; SGD with momentum."""
    lib.manual_seed(0)
    nn = lib.nn
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
    opt = lib.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    return _trainer(lib, model, opt, lib.randn(32, 1, 28, 28), lib.randint(0, 10, (32,)),
                    nn.functional.cross_entropy)


VOCAB, WIDTH, HEADS, LAYERS, CONTEXT, BATCH = 64, 64, 4, 2, 32, 8


def transformer(lib):
    """A 2-layer pre-norm GPT (width 64, 4 heads, context 32, batch 8) written with the ops
    minGPT-style code uses, trained by AdamW."""
    lib.manual_seed(0)
    nn, F = lib.nn, lib.nn.functional

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(WIDTH), nn.LayerNorm(WIDTH)
            self.qkv, self.proj = nn.Linear(WIDTH, 3 * WIDTH), nn.Linear(WIDTH, WIDTH)
            self.fc, self.out = nn.Linear(WIDTH, 4 * WIDTH), nn.Linear(4 * WIDTH, WIDTH)
            self.register_buffer("mask", lib.tril(lib.ones(CONTEXT, CONTEXT)).view(
                1, 1, CONTEXT, CONTEXT))

        def forward(self, x):
            n, t, c = x.shape
            q, k, v = self.qkv(self.ln1(x)).split(WIDTH, dim=2)
            q, k, v = (z.view(n, t, HEADS, c // HEADS).transpose(1, 2) for z in (q, k, v))
            att = (q @ k.transpose(-2, -1)) * (1.0 / (c // HEADS) ** 0.5)
            att = att.masked_fill(self.mask[:, :, :t, :t] == 0, float("-inf")).softmax(dim=-1)
            x = x + self.proj((att @ v).transpose(1, 2).contiguous().view(n, t, c))
            return x + self.out(F.gelu(self.fc(self.ln2(x))))

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok, self.pos = nn.Embedding(VOCAB, WIDTH), nn.Embedding(CONTEXT, WIDTH)
            self.blocks = nn.Sequential(*[Block() for _ in range(LAYERS)])
            self.ln, self.head = nn.LayerNorm(WIDTH), nn.Linear(WIDTH, VOCAB)

        def forward(self, idx):
            x = self.tok(idx) + self.pos(lib.arange(idx.shape[1]))
            return self.head(self.ln(self.blocks(x)))

    model = GPT()
    opt = lib.optim.AdamW(model.parameters(), lr=1e-3)
    idx = lib.randint(0, VOCAB, (BATCH, CONTEXT))
    target = lib.randint(0, VOCAB, (BATCH, CONTEXT))
    return _trainer(lib, model, opt, idx, target,
                    lambda logits, t: F.cross_entropy(logits.view(-1, VOCAB), t.view(-1)))


TORCH_LIKE = {"seed loop (100 points)": lambda lib: seed_loop(lib, 100),
              "seed loop (10k points)": lambda lib: seed_loop(lib, 10_000),
              "MLP step (SGD)": mlp, "small CNN step": cnn,
              "tiny transformer step (AdamW)": transformer}


# --------------------------------------------------------------------------- plain JAX
# float32 throughout, as torch's default: compat switches JAX's 64-bit mode on, which would
# otherwise make JAX's random arrays float64.
F32 = jnp.float32


def _norm_params():
    return jnp.ones(WIDTH, F32), jnp.zeros(WIDTH, F32)

def _jitted_trainer(loss_fn, params, tx, *data):
    state = tx.init(params)

    @jax.jit
    def update(params, state):
        loss, grads = jax.value_and_grad(loss_fn)(params, *data)
        updates, state = tx.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    box = [params, state]

    def step():
        box[0], box[1], loss = update(*box)
        return loss
    return step


def _dense(key, n_in, n_out):
    bound = 1 / np.sqrt(n_in)
    kw, kb = jax.random.split(key)
    return (jax.random.uniform(kw, (n_in, n_out), F32, -bound, bound),
            jax.random.uniform(kb, (n_out,), F32, -bound, bound))


def _cross_entropy(logits, labels):
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


def jax_seed_loop(points=100):
    kx, kn = jax.random.split(jax.random.PRNGKey(42))
    x = jax.random.uniform(kx, (points, 1), F32)
    y = 1 + 2 * x + .1 * jax.random.normal(kn, (points, 1), F32)

    def loss_fn(p, x, y):
        return jnp.mean((y - (p[0] + p[1] * x)) ** 2)
    return _jitted_trainer(loss_fn, jnp.array([0.5, -0.3], F32), optax.sgd(0.1), x, y)


def jax_mlp():
    keys = jax.random.split(jax.random.PRNGKey(0), 5)
    params = [_dense(keys[0], 784, 512), _dense(keys[1], 512, 512), _dense(keys[2], 512, 10)]

    def loss_fn(params, x, labels):
        for w, b in params[:-1]:
            x = jax.nn.relu(x @ w + b)
        w, b = params[-1]
        return _cross_entropy(x @ w + b, labels)
    return _jitted_trainer(loss_fn, params, optax.sgd(0.01),
                           jax.random.normal(keys[3], (128, 784), F32),
                           jax.random.randint(keys[4], (128,), 0, 10))


def jax_cnn():
    keys = jax.random.split(jax.random.PRNGKey(0), 5)
    params = {"c1": (jax.random.normal(keys[0], (8, 1, 3, 3), F32) * 0.3, jnp.zeros(8, F32)),
              "c2": (jax.random.normal(keys[1], (16, 8, 3, 3), F32) * 0.1, jnp.zeros(16, F32)),
              "fc": _dense(keys[2], 16 * 7 * 7, 10)}

    def conv_pool(x, w, b):
        x = jax.lax.conv_general_dilated(x, w, (1, 1), ((1, 1), (1, 1)))
        x = jax.nn.relu(x + b[None, :, None, None])
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    def loss_fn(p, x, labels):
        x = conv_pool(conv_pool(x, *p["c1"]), *p["c2"])
        w, b = p["fc"]
        return _cross_entropy(x.reshape(x.shape[0], -1) @ w + b, labels)
    return _jitted_trainer(loss_fn, params, optax.sgd(0.01, momentum=0.9),
                           jax.random.normal(keys[3], (32, 1, 28, 28), F32),
                           jax.random.randint(keys[4], (32,), 0, 10))


def jax_transformer():
    keys = iter(jax.random.split(jax.random.PRNGKey(0), 64))

    def block_params():
        return {"ln1": _norm_params(), "ln2": _norm_params(),
                "qkv": _dense(next(keys), WIDTH, 3 * WIDTH), "proj": _dense(next(keys), WIDTH, WIDTH),
                "fc": _dense(next(keys), WIDTH, 4 * WIDTH), "out": _dense(next(keys), 4 * WIDTH, WIDTH)}
    params = {"tok": jax.random.normal(next(keys), (VOCAB, WIDTH), F32),
              "pos": jax.random.normal(next(keys), (CONTEXT, WIDTH), F32),
              "blocks": [block_params() for _ in range(LAYERS)],
              "ln": _norm_params(), "head": _dense(next(keys), WIDTH, VOCAB)}
    mask = jnp.tril(jnp.ones((CONTEXT, CONTEXT), bool))

    def norm(x, g, b):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / jnp.sqrt(var + 1e-5) * g + b

    def block(p, x):
        n, t, c = x.shape
        q, k, v = jnp.split(norm(x, *p["ln1"]) @ p["qkv"][0] + p["qkv"][1], 3, axis=2)
        q, k, v = (z.reshape(n, t, HEADS, c // HEADS).transpose(0, 2, 1, 3) for z in (q, k, v))
        att = jax.nn.softmax(jnp.where(mask, q @ k.transpose(0, 1, 3, 2) / float(np.sqrt(c // HEADS)),
                                       -jnp.inf), axis=-1)
        x = x + (att @ v).transpose(0, 2, 1, 3).reshape(n, t, c) @ p["proj"][0] + p["proj"][1]
        h = jax.nn.gelu(norm(x, *p["ln2"]) @ p["fc"][0] + p["fc"][1], approximate=False)
        return x + h @ p["out"][0] + p["out"][1]

    def loss_fn(p, idx, target):
        x = p["tok"][idx] + p["pos"][jnp.arange(idx.shape[1])]
        for bp in p["blocks"]:
            x = block(bp, x)
        logits = norm(x, *p["ln"]) @ p["head"][0] + p["head"][1]
        return _cross_entropy(logits.reshape(-1, VOCAB), target.reshape(-1))
    return _jitted_trainer(loss_fn, params, optax.adamw(1e-3, weight_decay=0.01),
                           jax.random.randint(next(keys), (BATCH, CONTEXT), 0, VOCAB),
                           jax.random.randint(next(keys), (BATCH, CONTEXT), 0, VOCAB))


PLAIN_JAX = {"seed loop (100 points)": lambda: jax_seed_loop(100),
             "seed loop (10k points)": lambda: jax_seed_loop(10_000),
             "MLP step (SGD)": jax_mlp, "small CNN step": jax_cnn,
             "tiny transformer step (AdamW)": jax_transformer}
