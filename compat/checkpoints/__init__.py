"""The file formats behind ``compat.save`` / ``compat.load``, each in its own module.

- ``torch_zip``: torch's zip format (``torch.save``'s default since 1.6), read and written;
- ``torch_legacy``: torch's older single-pickle format (``_use_new_zipfile_serialization=False``),
  read;
- ``compat_format``: the zip of ``.npy`` arrays earlier versions of compat.save wrote, read;
- ``safetensors_io``: safetensors files, read and written.

The pickles inside torch's files are read by ``unpickler`` (a pure-Python interpreter of the
opcodes torch's ``weights_only`` loader accepts), with names resolved only through the table
in ``allowlist``: loading never imports a module or calls anything a file names. ``storages``
turns what the pickle describes into compat Tensors; ``pickler`` writes the pickles.

>>> import io
>>> import compat as torch
>>> buffer = io.BytesIO()
>>> torch.save({"w": torch.arange(3)}, buffer)
>>> _ = buffer.seek(0)
>>> torch.load(buffer)
{'w': tensor([0, 1, 2])}
"""
