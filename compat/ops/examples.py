"""A runnable example for every Tensor method, ``torch.*`` function and ``nn.functional``
function of the op table, with the output real torch 2.13.0 prints for it.

``METHOD_EXAMPLES``, ``FUNCTION_EXAMPLES``, ``NN_EXAMPLES`` and ``LINALG_EXAMPLES`` map each
name of :data:`compat.ops.registry.METHODS`, ``FUNCTIONS``, ``NN_FUNCTIONS`` and
``LINALG_FUNCTIONS`` to a doctest session: a list of ``(source, output)`` pairs run in order
in one namespace where ``torch`` is the library under test. An expression's output is its ``repr`` (nothing for ``None``); a statement's is ``""``.
Every output was printed by torch itself, never by compat; ``tests/compat/test_op_examples.py``
runs each session through both and compares the text.

Names are written in full where the tables meet: ``Tensor.<name>``, ``torch.<name>``,
``torch.nn.functional.<name>``, ``torch.linalg.<name>``. ``NO_EXAMPLE`` says why a name has no session;
``KNOWN_DIFFERENCES`` lists the sessions whose text compat does not print yet.

>>> METHOD_EXAMPLES["sqrt"]
[('torch.tensor([4., 9.]).sqrt()', 'tensor([2., 3.])')]
>>> doctest_text(METHOD_EXAMPLES["sqrt"]).splitlines()
['>>> import compat as torch', '>>> torch.tensor([4., 9.]).sqrt()', 'tensor([2., 3.])']
"""

# Names with no session, and why.
NO_EXAMPLE = (
    'Tensor.cuda',  # needs a CUDA device: torch's CPU build raises
)

# Sessions whose output compat does not print as torch does yet: what differs.
KNOWN_DIFFERENCES = {
}


def doctest_text(pairs, setup="import compat as torch"):
    r"""The session ``pairs`` as doctest text (after ``setup``), blank output lines written as
    doctest's ``<BLANKLINE>``.

    >>> doctest_text([("x = torch.ones(1, 1, 1)", ""), ("x", "tensor([[[1.]],\n\n[[1.]]])")],
    ...              setup=None).splitlines()
    ['>>> x = torch.ones(1, 1, 1)', '>>> x', 'tensor([[[1.]],', '<BLANKLINE>', '[[1.]]])']
    """
    lines = [">>> " + setup] if setup else []
    for source, output in pairs:
        lines.append(">>> " + source)
        if output:
            lines.extend(line if line.strip() else "<BLANKLINE>" for line in output.split("\n"))
    return "\n".join(lines)


METHOD_EXAMPLES = {
    'addbmm': [
        ('torch.ones(2, 2).addbmm(torch.ones(3, 2, 1), torch.ones(3, 1, 2), beta=0.5)',
         'tensor([[3.5000, 3.5000],\n        [3.5000, 3.5000]])'),
    ],
    'addbmm_': [
        ('torch.zeros(1, 1).addbmm_(torch.ones(2, 1, 3), torch.ones(2, 3, 1))',
         'tensor([[6.]])'),
    ],
    'addmm_': [
        ('torch.zeros(2, 2).addmm_(torch.ones(2, 3), torch.ones(3, 2), alpha=2)',
         'tensor([[6., 6.],\n        [6., 6.]])'),
    ],
    'addmv': [
        ('torch.tensor([1., 2.], requires_grad=True).addmv(torch.ones(2, 3), torch.tensor([1., 2., 3.]))',
         'tensor([7., 8.], grad_fn=<AddmvBackward0>)'),
    ],
    'addmv_': [
        ('torch.ones(2).addmv_(torch.ones(2, 3), torch.ones(3), beta=0)',
         'tensor([3., 3.])'),
    ],
    'addr': [
        ('torch.zeros(2, 2).addr(torch.tensor([1., 2.]), torch.tensor([3., 4.]))',
         'tensor([[3., 4.],\n        [6., 8.]])'),
    ],
    'addr_': [
        ('torch.ones(2, 2).addr_(torch.tensor([1., 2.]), torch.tensor([1., 1.]), alpha=-1)',
         'tensor([[ 0.,  0.],\n        [-1., -1.]])'),
    ],
    'baddbmm': [
        ('torch.zeros(2, 1, 1).baddbmm(torch.ones(2, 1, 3), torch.ones(2, 3, 1))',
         'tensor([[[3.]],\n\n        [[3.]]])'),
    ],
    'baddbmm_': [
        ('torch.ones(1, 1, 2).baddbmm_(torch.ones(1, 1, 2), torch.ones(1, 2, 2), beta=2)',
         'tensor([[[4., 4.]]])'),
    ],
    'det': [
        ('torch.tensor([[2., 1.], [1., 3.]], requires_grad=True).det()',
         'tensor(5., grad_fn=<LinalgDetBackward0>)'),
    ],
    'dist': [
        ('torch.tensor([0., 0.], requires_grad=True).dist(torch.tensor([3., 4.]))',
         'tensor(5., grad_fn=<DistBackward0>)'),
        ('torch.tensor([1., 5.]).dist(torch.tensor([2., 3.]), 1)',
         'tensor(3.)'),
    ],
    'index_add': [
        ('torch.arange(6.).view(3, 2).index_add(0, torch.tensor([0, 2]), torch.ones(2, 2), alpha=2)',
         'tensor([[2., 3.],\n        [2., 3.],\n        [6., 7.]])'),
    ],
    'index_add_': [
        ('torch.zeros(3, 2).index_add_(0, torch.tensor([1, 1]), torch.ones(2, 2))',
         'tensor([[0., 0.],\n        [2., 2.],\n        [0., 0.]])'),
    ],
    'index_copy': [
        ('torch.zeros(3, 2).index_copy(0, torch.tensor([1]), torch.ones(1, 2))',
         'tensor([[0., 0.],\n        [1., 1.],\n        [0., 0.]])'),
    ],
    'index_copy_': [
        ('torch.zeros(3, 2).index_copy_(0, torch.tensor([2]), torch.ones(1, 2))',
         'tensor([[0., 0.],\n        [0., 0.],\n        [1., 1.]])'),
    ],
    'index_fill': [
        ('torch.zeros(3, 2).index_fill(1, torch.tensor([0]), 5.)',
         'tensor([[5., 0.],\n        [5., 0.],\n        [5., 0.]])'),
    ],
    'index_fill_': [
        ('torch.zeros(3, 2).index_fill_(0, torch.tensor([1]), -1)',
         'tensor([[ 0.,  0.],\n        [-1., -1.],\n        [ 0.,  0.]])'),
    ],
    'logdet': [
        ('torch.tensor([[2., 1.], [1., 3.]]).logdet()',
         'tensor(1.6094)'),
    ],
    'matrix_exp': [
        ('torch.zeros(2, 2).matrix_exp()',
         'tensor([[1., 0.],\n        [0., 1.]])'),
    ],
    'matrix_power': [
        ('torch.tensor([[1., 1.], [0., 1.]]).matrix_power(3)',
         'tensor([[1., 3.],\n        [0., 1.]])'),
        ('torch.tensor([[2., 0.], [0., 4.]], requires_grad=True).matrix_power(-2)',
         'tensor([[0.2500, 0.0000],\n        [0.0000, 0.0625]], grad_fn=<MmBackward0>)'),
    ],
    'pinverse': [
        ('torch.tensor([[2., 0.], [0., 4.]]).pinverse()',
         'tensor([[0.5000, 0.0000],\n        [0.0000, 0.2500]])'),
    ],
    'put': [
        ('torch.zeros(2, 3).put(torch.tensor([0, 5]), torch.tensor([1., 2.]))',
         'tensor([[1., 0., 0.],\n        [0., 0., 2.]])'),
    ],
    'put_': [
        ('torch.zeros(2, 3).put_(torch.tensor([0, 0]), torch.tensor([1., 2.]), accumulate=True)',
         'tensor([[3., 0., 0.],\n        [0., 0., 0.]])'),
    ],
    '__getitem__': [
        ('x = torch.arange(6).view(2, 3)', ''),
        ('x[1, 1:]', 'tensor([4, 5])'),
        ('x[:, [0, 2]]', 'tensor([[0, 2],\n        [3, 5]])'),
        ('x[x > 3]', 'tensor([4, 5])'),
        ('x[..., None].shape', 'torch.Size([2, 3, 1])'),
        ('y = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)', ''),
        ('y[0]', 'tensor([1., 2.], grad_fn=<SelectBackward0>)'),
        ('y[:, 1:]', 'tensor([[2.],\n        [4.]], grad_fn=<SliceBackward0>)'),
        ('y[[0, 1], [1, 0]]', 'tensor([2., 3.], grad_fn=<IndexBackward0>)'),
    ],
    '__setitem__': [
        ('x = torch.zeros(2, 3)', ''),
        ('x[0, 1] = 5', ''),
        ('x[1] = torch.tensor([1., 2., 3.])', ''),
        ('x', 'tensor([[0., 5., 0.],\n        [1., 2., 3.]])'),
        ('x[x > 2] = -1', ''),
        ('x', 'tensor([[ 0., -1.,  0.],\n        [ 1.,  2., -1.]])'),
    ],
    'abs': [
        ('torch.tensor([-1, 0, 2]).abs()', 'tensor([1, 0, 2])'),
    ],
    'abs_': [
        ('torch.tensor([-1.5, 0., 2.]).abs_()', 'tensor([1.5000, 0.0000, 2.0000])'),
    ],
    'absolute': [
        ('torch.tensor([-1.5, 0., 2.]).absolute()', 'tensor([1.5000, 0.0000, 2.0000])'),
    ],
    'absolute_': [
        ('torch.tensor([-1.5, 0., 2.]).absolute_()', 'tensor([1.5000, 0.0000, 2.0000])'),
    ],
    'acos': [
        ('torch.tensor([1., 0., -1.]).acos()', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'acos_': [
        ('torch.tensor([1., 0., -1.]).acos_()', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'add': [
        ('torch.tensor([1., 2.]).add(torch.tensor([10., 20.]), alpha=2)', 'tensor([21., 42.])'),
        ('torch.tensor([1, 2]).add(0.5)', 'tensor([1.5000, 2.5000])'),
        ('torch.tensor([1, 2], dtype=torch.int8).add(torch.tensor(300))',
         'tensor([45, 46], dtype=torch.int8)'),
        ('torch.tensor([1, 2]).add(torch.tensor(0.5))', 'tensor([1.5000, 2.5000])'),
    ],
    'add_': [
        ('torch.ones(2).add_(1)', 'tensor([2., 2.])'),
        ('x = torch.zeros(2, 2)', ''),
        ('x[0].add_(1)', 'tensor([1., 1.])'),
        ('x', 'tensor([[1., 1.],\n        [0., 0.]])'),
    ],
    'addmm': [
        ('torch.ones(2, 2).addmm(torch.tensor([[1., 2.], [3., 4.]]), torch.eye(2), beta=0.5, alpha=2)',
         'tensor([[2.5000, 4.5000],\n        [6.5000, 8.5000]])'),
    ],
    'all': [
        ('torch.tensor([[True, False], [True, True]]).all()', 'tensor(False)'),
        ('torch.tensor([[True, False], [True, True]]).all(dim=1)', 'tensor([False,  True])'),
    ],
    'allclose': [
        ('torch.tensor([1., 2.]).allclose(torch.tensor([1., 2.000001]))', 'True'),
        ('torch.tensor([1., 2.]).allclose(torch.tensor([1., 2.1]), atol=0.2)', 'True'),
    ],
    'amax': [
        ('torch.tensor([[1., 5.], [3., 2.]]).amax(dim=0)', 'tensor([3., 5.])'),
        ('torch.tensor([[1., 5.], [3., 2.]]).amax(dim=(0, 1), keepdim=True)', 'tensor([[5.]])'),
    ],
    'amin': [
        ('torch.tensor([[1., 5.], [3., 2.]]).amin(dim=1)', 'tensor([1., 2.])'),
        ('torch.tensor([[1., 5.], [3., 2.]]).amin(dim=1, keepdim=True)',
         'tensor([[1.],\n        [2.]])'),
    ],
    'any': [
        ('torch.tensor([[0, 1], [0, 0]]).any()', 'tensor(True)'),
        ('torch.tensor([[0, 1], [0, 0]]).any(dim=1, keepdim=True)',
         'tensor([[ True],\n        [False]])'),
    ],
    'arccos': [
        ('torch.tensor([1., 0., -1.]).arccos()', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'arccos_': [
        ('torch.tensor([1., 0., -1.]).arccos_()', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'arcsin': [
        ('torch.tensor([0., 1.]).arcsin()', 'tensor([0.0000, 1.5708])'),
    ],
    'arcsin_': [
        ('torch.tensor([0., 1.]).arcsin_()', 'tensor([0.0000, 1.5708])'),
    ],
    'arctan': [
        ('torch.tensor([0., 1.]).arctan()', 'tensor([0.0000, 0.7854])'),
    ],
    'arctan2': [
        ('torch.tensor([1., -1.]).arctan2(torch.tensor([1., 1.]))', 'tensor([ 0.7854, -0.7854])'),
    ],
    'arctan2_': [
        ('torch.tensor([1., -1.]).arctan2_(torch.tensor([1., 1.]))', 'tensor([ 0.7854, -0.7854])'),
    ],
    'arctan_': [
        ('torch.tensor([0., 1.]).arctan_()', 'tensor([0.0000, 0.7854])'),
    ],
    'argmax': [
        ('torch.tensor([[1, 5], [3, 2]]).argmax()', 'tensor(1)'),
        ('torch.tensor([[1, 5], [3, 2]]).argmax(dim=1)', 'tensor([1, 0])'),
        ('torch.tensor([1, 3, 3]).argmax()', 'tensor(1)'),
        ("torch.tensor([1., float('nan'), 3.]).argmax()", 'tensor(1)'),
    ],
    'argmin': [
        ('torch.tensor([[1, 5], [3, 2]]).argmin()', 'tensor(0)'),
        ('torch.tensor([[1, 5], [3, 2]]).argmin(dim=0, keepdim=True)', 'tensor([[0, 1]])'),
    ],
    'argsort': [
        ('torch.tensor([3, 1, 2]).argsort()', 'tensor([1, 2, 0])'),
        ('torch.tensor([3, 1, 2]).argsort(descending=True)', 'tensor([0, 2, 1])'),
    ],
    'argwhere': [
        ('torch.tensor([[0, 1], [2, 0]]).argwhere()', 'tensor([[0, 1],\n        [1, 0]])'),
    ],
    'asin': [
        ('torch.tensor([0., 1.]).asin()', 'tensor([0.0000, 1.5708])'),
    ],
    'asin_': [
        ('torch.tensor([0., 1.]).asin_()', 'tensor([0.0000, 1.5708])'),
    ],
    'atan': [
        ('torch.tensor([0., 1.]).atan()', 'tensor([0.0000, 0.7854])'),
    ],
    'atan2': [
        ('torch.tensor([1., -1.]).atan2(torch.tensor([-1., -1.]))', 'tensor([ 2.3562, -2.3562])'),
    ],
    'atan2_': [
        ('torch.tensor([1., -1.]).atan2_(torch.tensor([1., 1.]))', 'tensor([ 0.7854, -0.7854])'),
    ],
    'atan_': [
        ('torch.tensor([0., 1.]).atan_()', 'tensor([0.0000, 0.7854])'),
    ],
    'backward': [
        ('x = torch.tensor([1., 2.], requires_grad=True)', ''),
        ('(x * x).sum().backward()', ''),
        ('x.grad', 'tensor([2., 4.])'),
        ('(3 * x).backward(torch.tensor([1., 0.]))', ''),
        ('x.grad', 'tensor([5., 4.])'),
        ('y = x * 2', ''),
        ('y.backward(torch.ones(2), retain_graph=True)', ''),
        ('y.backward(torch.ones(2))', ''),
        ('x.grad', 'tensor([9., 8.])'),
    ],
    'bfloat16': [
        ('torch.tensor([1.5, 2.7]).bfloat16()', 'tensor([1.5000, 2.7031], dtype=torch.bfloat16)'),
    ],
    'bitwise_and': [
        ('torch.tensor([12, 10]).bitwise_and(torch.tensor([10, 6]))', 'tensor([8, 2])'),
    ],
    'bitwise_and_': [
        ('torch.tensor([12, 10]).bitwise_and_(torch.tensor([10, 6]))', 'tensor([8, 2])'),
    ],
    'bitwise_not': [
        ('torch.tensor([0, 5, -1]).bitwise_not()', 'tensor([-1, -6,  0])'),
        ('torch.tensor([True, False]).bitwise_not()', 'tensor([False,  True])'),
    ],
    'bitwise_not_': [
        ('torch.tensor([0, 5, -1]).bitwise_not_()', 'tensor([-1, -6,  0])'),
    ],
    'bitwise_or': [
        ('torch.tensor([12, 10]).bitwise_or(torch.tensor([10, 6]))', 'tensor([14, 14])'),
    ],
    'bitwise_or_': [
        ('torch.tensor([12, 10]).bitwise_or_(torch.tensor([10, 6]))', 'tensor([14, 14])'),
    ],
    'bitwise_xor': [
        ('torch.tensor([12, 10]).bitwise_xor(torch.tensor([10, 6]))', 'tensor([ 6, 12])'),
        ('torch.tensor([True, False]).bitwise_xor(torch.tensor([True, True]))',
         'tensor([False,  True])'),
    ],
    'bitwise_xor_': [
        ('torch.tensor([12, 10]).bitwise_xor_(torch.tensor([10, 6]))', 'tensor([ 6, 12])'),
    ],
    'bmm': [
        ('torch.ones(2, 1, 2).bmm(torch.ones(2, 2, 3))',
         'tensor([[[2., 2., 2.]],\n\n        [[2., 2., 2.]]])'),
    ],
    'bool': [
        ('torch.tensor([0., 2., -1.]).bool()', 'tensor([False,  True,  True])'),
    ],
    'broadcast_to': [
        ('torch.tensor([1, 2]).broadcast_to((3, 2))',
         'tensor([[1, 2],\n        [1, 2],\n        [1, 2]])'),
        ('torch.tensor([[1], [2]]).broadcast_to((2, 3))',
         'tensor([[1, 1, 1],\n        [2, 2, 2]])'),
    ],
    'byte': [
        ('torch.tensor([1.7, 255.]).byte()', 'tensor([  1, 255], dtype=torch.uint8)'),
    ],
    'cdouble': [
        ('torch.tensor([1., 2.]).cdouble()', 'tensor([1.+0.j, 2.+0.j], dtype=torch.complex128)'),
    ],
    'ceil': [
        ('torch.tensor([-1.5, 1.2, -0.5]).ceil()', 'tensor([-1.,  2., -0.])'),
        ('torch.tensor([1, 2]).ceil()', 'tensor([1, 2])'),
    ],
    'ceil_': [
        ('torch.tensor([-1.5, 1.2]).ceil_()', 'tensor([-1.,  2.])'),
    ],
    'cfloat': [
        ('torch.tensor([1, 2]).cfloat()', 'tensor([1.+0.j, 2.+0.j])'),
    ],
    'char': [
        ('torch.tensor([1.7, -2.]).char()', 'tensor([ 1, -2], dtype=torch.int8)'),
    ],
    'cholesky_inverse': [
        ('torch.tensor([[2., 0.], [1., 1.]]).cholesky_inverse()',
         'tensor([[ 0.5000, -0.5000],\n        [-0.5000,  1.0000]])'),
    ],
    'chunk': [
        ('torch.arange(5).chunk(2)', '(tensor([0, 1, 2]), tensor([3, 4]))'),
        ('torch.arange(6).view(2, 3).chunk(3, dim=1)',
         '(tensor([[0],\n        [3]]), tensor([[1],\n        [4]]), tensor([[2],\n        [5]]))'),
        ('torch.arange(6).chunk(4)', '(tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))'),
    ],
    'clamp': [
        ('torch.tensor([-2., 0.5, 3.]).clamp(min=0, max=1)', 'tensor([0.0000, 0.5000, 1.0000])'),
        ('torch.tensor([-2, 0, 3]).clamp(max=1)', 'tensor([-2,  0,  1])'),
        ('torch.tensor([1., 2., 3.]).clamp(min=2.5, max=1.5)', 'tensor([1.5000, 1.5000, 1.5000])'),
        ("torch.tensor([float('nan'), 2.]).clamp(0, 1)", 'tensor([nan, 1.])'),
    ],
    'clamp_': [
        ('torch.tensor([-2., 0.5, 3.]).clamp_(0, 1)', 'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'clamp_max': [
        ('torch.tensor([-2., 0.5, 3.]).clamp_max(1)', 'tensor([-2.0000,  0.5000,  1.0000])'),
    ],
    'clamp_max_': [
        ('torch.tensor([-2., 0.5, 3.]).clamp_max_(1)', 'tensor([-2.0000,  0.5000,  1.0000])'),
    ],
    'clamp_min': [
        ('torch.tensor([-2., 0.5, 3.]).clamp_min(0)', 'tensor([0.0000, 0.5000, 3.0000])'),
    ],
    'clamp_min_': [
        ('torch.tensor([-2., 0.5, 3.]).clamp_min_(0)', 'tensor([0.0000, 0.5000, 3.0000])'),
    ],
    'clip': [
        ('torch.tensor([-2., 0.5, 3.]).clip(-1, 1)', 'tensor([-1.0000,  0.5000,  1.0000])'),
    ],
    'clip_': [
        ('torch.tensor([-2., 0.5, 3.]).clip_(max=0)', 'tensor([-2.,  0.,  0.])'),
    ],
    'clone': [
        ('torch.tensor([1., 2.], requires_grad=True).clone()',
         'tensor([1., 2.], grad_fn=<CloneBackward0>)'),
    ],
    'contiguous': [
        ('x = torch.arange(4).view(2, 2).t()', ''),
        ('x.is_contiguous()', 'False'),
        ('x.contiguous()', 'tensor([[0, 2],\n        [1, 3]])'),
        ('x.contiguous().is_contiguous()', 'True'),
        ('y = torch.ones(2)', ''),
        ('y.contiguous() is y', 'True'),
    ],
    'copy_': [
        ('torch.zeros(2).copy_(torch.tensor([1, 2]))', 'tensor([1., 2.])'),
        ('torch.zeros(2, 2).copy_(torch.tensor([3., 4.]))',
         'tensor([[3., 4.],\n        [3., 4.]])'),
    ],
    'cos': [
        ('torch.tensor([0., 3.1416]).cos()', 'tensor([ 1., -1.])'),
    ],
    'cos_': [
        ('torch.tensor([0., 3.1416]).cos_()', 'tensor([ 1., -1.])'),
    ],
    'cosh': [
        ('torch.tensor([0., 1.]).cosh()', 'tensor([1.0000, 1.5431])'),
    ],
    'cosh_': [
        ('torch.tensor([0., 1.]).cosh_()', 'tensor([1.0000, 1.5431])'),
    ],
    'count_nonzero': [
        ('torch.tensor([[0, 1], [2, 3]]).count_nonzero()', 'tensor(3)'),
        ('torch.tensor([[0, 1], [2, 3]]).count_nonzero(dim=0)', 'tensor([1, 2])'),
    ],
    'cpu': [
        ('torch.tensor([1, 2]).cpu()', 'tensor([1, 2])'),
        ('torch.tensor([1, 2]).cpu().device', "device(type='cpu')"),
    ],
    'cummax': [
        ('torch.tensor([1, 3, 2, 4]).cummax(dim=0)',
         'torch.return_types.cummax(\nvalues=tensor([1, 3, 3, 4]),\nindices=tensor([0, 1, 1, 3]))'),
    ],
    'cummin': [
        ('torch.tensor([3, 1, 2, 0]).cummin(dim=0)',
         'torch.return_types.cummin(\nvalues=tensor([3, 1, 1, 0]),\nindices=tensor([0, 1, 1, 3]))'),
    ],
    'cumprod': [
        ('torch.tensor([1., 2., 3.]).cumprod(dim=0)', 'tensor([1., 2., 6.])'),
    ],
    'cumsum': [
        ('torch.tensor([[1, 2], [3, 4]]).cumsum(dim=1)', 'tensor([[1, 3],\n        [3, 7]])'),
        ('torch.tensor([1, 2]).cumsum(0, dtype=torch.float32)', 'tensor([1., 3.])'),
        ('torch.tensor([True, True, False]).cumsum(0)', 'tensor([1, 2, 2])'),
    ],
    'detach': [
        ('x = torch.tensor([1., 2.], requires_grad=True)', ''),
        ('(x * 2).detach()', 'tensor([2., 4.])'),
        ('x.detach().requires_grad', 'False'),
        ('y = x.detach()', ''),
        ('y.zero_()', 'tensor([0., 0.])'),
        ('x', 'tensor([0., 0.], requires_grad=True)'),
    ],
    'diagonal': [
        ('torch.arange(9).view(3, 3).diagonal()', 'tensor([0, 4, 8])'),
        ('torch.arange(9).view(3, 3).diagonal(offset=1)', 'tensor([1, 5])'),
    ],
    'digamma': [
        ('torch.tensor([1., 0.5, 0.]).digamma()', 'tensor([-0.5772, -1.9635,    -inf])'),
    ],
    'digamma_': [
        ('torch.tensor([1., 0.5, 0.]).digamma_()', 'tensor([-0.5772, -1.9635,    -inf])'),
    ],
    'div': [
        ('torch.tensor([7., -7.]).div(2)', 'tensor([ 3.5000, -3.5000])'),
        ("torch.tensor([7., -7.]).div(2, rounding_mode='floor')", 'tensor([ 3., -4.])'),
        ("torch.tensor([7., -7.]).div(2, rounding_mode='trunc')", 'tensor([ 3., -3.])'),
        ('torch.tensor([1., -1., 0.]).div(0)', 'tensor([inf, -inf, nan])'),
        ('torch.tensor([1, 3]).div(2)', 'tensor([0.5000, 1.5000])'),
    ],
    'div_': [
        ('torch.ones(2).div_(4)', 'tensor([0.2500, 0.2500])'),
    ],
    'divide': [
        ("torch.tensor([7, -7]).divide(2, rounding_mode='trunc')", 'tensor([ 3, -3])'),
    ],
    'divide_': [
        ('torch.tensor([1., 6.]).divide_(torch.tensor([2., 4.]))', 'tensor([0.5000, 1.5000])'),
    ],
    'dot': [
        ('torch.tensor([1., 2.]).dot(torch.tensor([3., 4.]))', 'tensor(11.)'),
    ],
    'double': [
        ('torch.tensor([1, 2]).double()', 'tensor([1., 2.], dtype=torch.float64)'),
    ],
    'eq': [
        ('torch.tensor([1, 2]).eq(torch.tensor([1, 3]))', 'tensor([ True, False])'),
        ('torch.tensor([1, 2]).eq(2)', 'tensor([False,  True])'),
    ],
    'eq_': [
        ('torch.tensor([1., 2.]).eq_(1)', 'tensor([1., 0.])'),
    ],
    'equal': [
        ('torch.tensor([1, 2]).equal(torch.tensor([1, 2]))', 'True'),
        ('torch.tensor([1, 2]).equal(torch.tensor([1, 3]))', 'False'),
    ],
    'erf': [
        ('torch.tensor([0., 1.]).erf()', 'tensor([0.0000, 0.8427])'),
    ],
    'erf_': [
        ('torch.tensor([0., 1.]).erf_()', 'tensor([0.0000, 0.8427])'),
    ],
    'exp': [
        ('torch.tensor([0., 1.]).exp()', 'tensor([1.0000, 2.7183])'),
        ('torch.tensor([0, 1]).exp()', 'tensor([1.0000, 2.7183])'),
    ],
    'exp2': [
        ('torch.tensor([0., 3.]).exp2()', 'tensor([1., 8.])'),
    ],
    'exp2_': [
        ('torch.tensor([0., 3.]).exp2_()', 'tensor([1., 8.])'),
    ],
    'exp_': [
        ('torch.tensor([0., 1.]).exp_()', 'tensor([1.0000, 2.7183])'),
    ],
    'expand': [
        ('torch.tensor([[1], [2]]).expand(2, 3)', 'tensor([[1, 1, 1],\n        [2, 2, 2]])'),
        ('torch.tensor([1, 2]).expand(3, -1)',
         'tensor([[1, 2],\n        [1, 2],\n        [1, 2]])'),
        ('torch.tensor([1.], requires_grad=True).expand(2)',
         'tensor([1., 1.], grad_fn=<ExpandBackward0>)'),
    ],
    'expand_as': [
        ('torch.tensor([1, 2]).expand_as(torch.zeros(3, 2))',
         'tensor([[1, 2],\n        [1, 2],\n        [1, 2]])'),
    ],
    'expm1': [
        ('torch.tensor([0., 1e-8]).expm1()', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'expm1_': [
        ('torch.tensor([0., 1e-8]).expm1_()', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'fill_': [
        ('torch.zeros(3).fill_(7)', 'tensor([7., 7., 7.])'),
        ('torch.zeros(2, dtype=torch.int64).fill_(2.9)', 'tensor([2, 2])'),
    ],
    'fix': [
        ('torch.tensor([-1.7, 1.7]).fix()', 'tensor([-1.,  1.])'),
    ],
    'fix_': [
        ('torch.tensor([-1.7, 1.7]).fix_()', 'tensor([-1.,  1.])'),
    ],
    'flatten': [
        ('torch.zeros(2, 3, 4).flatten().shape', 'torch.Size([24])'),
        ('torch.zeros(2, 3, 4).flatten(1).shape', 'torch.Size([2, 12])'),
        ('torch.tensor(5).flatten()', 'tensor([5])'),
    ],
    'flip': [
        ('torch.arange(4).view(2, 2).flip(0)', 'tensor([[2, 3],\n        [0, 1]])'),
        ('torch.arange(4).view(2, 2).flip(0, 1)', 'tensor([[3, 2],\n        [1, 0]])'),
    ],
    'float': [
        ('torch.tensor([1, 2]).float()', 'tensor([1., 2.])'),
    ],
    'floor': [
        ('torch.tensor([-1.5, 1.2]).floor()', 'tensor([-2.,  1.])'),
    ],
    'floor_': [
        ('torch.tensor([-1.5, 1.2]).floor_()', 'tensor([-2.,  1.])'),
    ],
    'floor_divide': [
        ('torch.tensor([7, -7]).floor_divide(2)', 'tensor([ 3, -4])'),
    ],
    'floor_divide_': [
        ('torch.tensor([7., -7.]).floor_divide_(torch.tensor([2., 2.]))', 'tensor([ 3., -4.])'),
    ],
    'fmod': [
        ('torch.tensor([-3., 3.]).fmod(2)', 'tensor([-1.,  1.])'),
    ],
    'fmod_': [
        ('torch.tensor([-3., 3.]).fmod_(2)', 'tensor([-1.,  1.])'),
    ],
    'frac': [
        ('torch.tensor([-1.25, 2.5]).frac()', 'tensor([-0.2500,  0.5000])'),
    ],
    'frac_': [
        ('torch.tensor([-1.25, 2.5]).frac_()', 'tensor([-0.2500,  0.5000])'),
    ],
    'gather': [
        ('torch.tensor([[1, 2], [3, 4]]).gather(1, torch.tensor([[0, 0], [1, 0]]))',
         'tensor([[1, 1],\n        [4, 3]])'),
    ],
    'ge': [
        ('torch.tensor([1., 2., 3.]).ge(torch.tensor([2., 2., 2.]))',
         'tensor([False,  True,  True])'),
    ],
    'ge_': [
        ('torch.tensor([1., 2., 3.]).ge_(torch.tensor([2., 2., 2.]))', 'tensor([0., 1., 1.])'),
    ],
    'ger': [
        ('torch.tensor([1, 2]).ger(torch.tensor([3, 4, 5]))',
         'tensor([[ 3,  4,  5],\n        [ 6,  8, 10]])'),
    ],
    'greater': [
        ('torch.tensor([1., 2., 3.]).greater(torch.tensor([2., 2., 2.]))',
         'tensor([False, False,  True])'),
    ],
    'greater_': [
        ('torch.tensor([1., 2., 3.]).greater_(torch.tensor([2., 2., 2.]))', 'tensor([0., 0., 1.])'),
    ],
    'greater_equal': [
        ('torch.tensor([1., 2., 3.]).greater_equal(torch.tensor([2., 2., 2.]))',
         'tensor([False,  True,  True])'),
    ],
    'greater_equal_': [
        ('torch.tensor([1., 2., 3.]).greater_equal_(torch.tensor([2., 2., 2.]))',
         'tensor([0., 1., 1.])'),
    ],
    'gt': [
        ('torch.tensor([1, 2, 3]).gt(2)', 'tensor([False, False,  True])'),
    ],
    'gt_': [
        ('torch.tensor([1., 2., 3.]).gt_(torch.tensor([2., 2., 2.]))', 'tensor([0., 0., 1.])'),
    ],
    'half': [
        ('torch.tensor([1.1, 2.]).half()', 'tensor([1.0996, 2.0000], dtype=torch.float16)'),
    ],
    'index_put': [
        ('torch.zeros(3).index_put((torch.tensor([0, 2]),), torch.tensor(5.))',
         'tensor([5., 0., 5.])'),
    ],
    'index_put_': [
        ('torch.zeros(3).index_put_((torch.tensor([0, 0]),), torch.tensor([1., 2.]), accumulate=True)',
         'tensor([3., 0., 0.])'),
    ],
    'index_select': [
        ('torch.tensor([[1, 2], [3, 4]]).index_select(0, torch.tensor([1, 1]))',
         'tensor([[3, 4],\n        [3, 4]])'),
        ('torch.tensor([[1, 2], [3, 4]]).index_select(1, torch.tensor([1]))',
         'tensor([[2],\n        [4]])'),
    ],
    'int': [
        ('torch.tensor([1.7, -1.7]).int()', 'tensor([ 1, -1], dtype=torch.int32)'),
    ],
    'isclose': [
        ("torch.tensor([1., 2., float('nan')]).isclose(torch.tensor([1., 2.1, float('nan')]))",
         'tensor([ True, False, False])'),
        ("torch.tensor([1., 2., float('nan')]).isclose(torch.tensor([1., 2.1, float('nan')]), atol=0.2, equal_nan=True)",
         'tensor([True, True, True])'),
    ],
    'isfinite': [
        ("torch.tensor([1., float('inf'), float('nan')]).isfinite()",
         'tensor([ True, False, False])'),
    ],
    'isinf': [
        ("torch.tensor([1., float('-inf'), float('nan')]).isinf()",
         'tensor([False,  True, False])'),
    ],
    'isnan': [
        ("torch.tensor([1., float('inf'), float('nan')]).isnan()", 'tensor([False, False,  True])'),
    ],
    'kthvalue': [
        ('torch.tensor([3., 1., 2.]).kthvalue(2)',
         'torch.return_types.kthvalue(\nvalues=tensor(2.),\nindices=tensor(2))'),
        ('torch.tensor([[3., 1.], [2., 4.]]).kthvalue(1, dim=0, keepdim=True)',
         'torch.return_types.kthvalue(\nvalues=tensor([[2., 1.]]),\nindices=tensor([[1, 0]]))'),
    ],
    'le': [
        ('torch.tensor([1., 2., 3.]).le(torch.tensor([2., 2., 2.]))',
         'tensor([ True,  True, False])'),
    ],
    'le_': [
        ('torch.tensor([1., 2., 3.]).le_(torch.tensor([2., 2., 2.]))', 'tensor([1., 1., 0.])'),
    ],
    'lerp': [
        ('torch.tensor([0., 10.]).lerp(torch.tensor([10., 20.]), 0.25)',
         'tensor([ 2.5000, 12.5000])'),
    ],
    'lerp_': [
        ('torch.tensor([0., 10.]).lerp_(torch.tensor([10., 20.]), torch.tensor([0.5, 1.]))',
         'tensor([ 5., 20.])'),
    ],
    'less': [
        ('torch.tensor([1., 2., 3.]).less(torch.tensor([2., 2., 2.]))',
         'tensor([ True, False, False])'),
    ],
    'less_': [
        ('torch.tensor([1., 2., 3.]).less_(torch.tensor([2., 2., 2.]))', 'tensor([1., 0., 0.])'),
    ],
    'less_equal': [
        ('torch.tensor([1., 2., 3.]).less_equal(torch.tensor([2., 2., 2.]))',
         'tensor([ True,  True, False])'),
    ],
    'less_equal_': [
        ('torch.tensor([1., 2., 3.]).less_equal_(torch.tensor([2., 2., 2.]))',
         'tensor([1., 1., 0.])'),
    ],
    'lgamma': [
        ('torch.tensor([0.5, 3., -0.5]).lgamma()', 'tensor([0.5724, 0.6931, 1.2655])'),
    ],
    'lgamma_': [
        ('torch.tensor([0.5, 3., -0.5]).lgamma_()', 'tensor([0.5724, 0.6931, 1.2655])'),
    ],
    'log': [
        ('torch.tensor([1., 2.7183]).log()', 'tensor([0.0000, 1.0000])'),
    ],
    'log10': [
        ('torch.tensor([1., 100.]).log10()', 'tensor([0., 2.])'),
    ],
    'log10_': [
        ('torch.tensor([1., 100.]).log10_()', 'tensor([0., 2.])'),
    ],
    'log1p': [
        ('torch.tensor([0., 1e-8]).log1p()', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'log1p_': [
        ('torch.tensor([0., 1e-8]).log1p_()', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'log2': [
        ('torch.tensor([1., 8.]).log2()', 'tensor([0., 3.])'),
    ],
    'log2_': [
        ('torch.tensor([1., 8.]).log2_()', 'tensor([0., 3.])'),
    ],
    'log_': [
        ('torch.tensor([1., 2.7183]).log_()', 'tensor([0.0000, 1.0000])'),
    ],
    'log_softmax': [
        ('torch.tensor([0., 0.]).log_softmax(dim=0)', 'tensor([-0.6931, -0.6931])'),
        ('torch.tensor([[1., 2.], [0., 0.]]).log_softmax(1)',
         'tensor([[-1.3133, -0.3133],\n        [-0.6931, -0.6931]])'),
    ],
    'logical_and': [
        ('torch.tensor([1, 0, 2]).logical_and(torch.tensor([True, True, False]))',
         'tensor([ True, False, False])'),
    ],
    'logical_and_': [
        ('torch.tensor([True, False, True]).logical_and_(torch.tensor([True, True, False]))',
         'tensor([ True, False, False])'),
    ],
    'logical_not': [
        ('torch.tensor([0., 1.5, 0.]).logical_not()', 'tensor([ True, False,  True])'),
    ],
    'logical_not_': [
        ('torch.tensor([0., 1.5, 0.]).logical_not_()', 'tensor([1., 0., 1.])'),
    ],
    'logical_or': [
        ('torch.tensor([True, False, False]).logical_or(torch.tensor([True, True, False]))',
         'tensor([ True,  True, False])'),
    ],
    'logical_or_': [
        ('torch.tensor([True, False, False]).logical_or_(torch.tensor([True, True, False]))',
         'tensor([ True,  True, False])'),
    ],
    'logical_xor': [
        ('torch.tensor([True, False, False]).logical_xor(torch.tensor([True, True, False]))',
         'tensor([False,  True, False])'),
    ],
    'logical_xor_': [
        ('torch.tensor([True, False, False]).logical_xor_(torch.tensor([True, True, False]))',
         'tensor([False,  True, False])'),
    ],
    'logsumexp': [
        ('torch.tensor([[0., 0.], [1., 1.]]).logsumexp(dim=1)', 'tensor([0.6931, 1.6931])'),
        ('torch.tensor([[0., 0.], [1., 1.]]).logsumexp(dim=1, keepdim=True)',
         'tensor([[0.6931],\n        [1.6931]])'),
        ("torch.tensor([float('-inf'), float('-inf')]).logsumexp(0)", 'tensor(-inf)'),
    ],
    'long': [
        ('torch.tensor([1.7, -1.7]).long()', 'tensor([ 1, -1])'),
    ],
    'lt': [
        ('torch.tensor([1, 2, 3]).lt(2)', 'tensor([ True, False, False])'),
    ],
    'lt_': [
        ('torch.tensor([1., 2., 3.]).lt_(torch.tensor([2., 2., 2.]))', 'tensor([1., 0., 0.])'),
    ],
    'masked_fill': [
        ('torch.tensor([1., 2., 3.]).masked_fill(torch.tensor([True, False, True]), 0.)',
         'tensor([0., 2., 0.])'),
        ('torch.tensor([[1, 2], [3, 4]]).masked_fill(torch.tensor([True, False]), -1)',
         'tensor([[-1,  2],\n        [-1,  4]])'),
        ('torch.tensor([1., 2.]).masked_fill(torch.tensor([False, True]), torch.tensor(9.))',
         'tensor([1., 9.])'),
    ],
    'masked_fill_': [
        ("torch.tensor([1., 2., 3.]).masked_fill_(torch.tensor([False, True, False]), float('inf'))",
         'tensor([1., inf, 3.])'),
    ],
    'masked_select': [
        ('torch.tensor([1, 2, 3]).masked_select(torch.tensor([True, False, True]))',
         'tensor([1, 3])'),
    ],
    'matmul': [
        ('torch.tensor([[1., 2.], [3., 4.]]).matmul(torch.tensor([1., 1.]))', 'tensor([3., 7.])'),
        ('torch.ones(2, 1, 3).matmul(torch.ones(3, 2)).shape', 'torch.Size([2, 1, 2])'),
    ],
    'max': [
        ('torch.tensor([[1, 5], [3, 2]]).max()', 'tensor(5)'),
        ('torch.tensor([[1, 5], [3, 2]]).max(dim=1)',
         'torch.return_types.max(\nvalues=tensor([5, 3]),\nindices=tensor([1, 0]))'),
        ('torch.tensor([[1, 5], [3, 2]]).max(torch.tensor([[2, 2], [2, 2]]))',
         'tensor([[2, 5],\n        [3, 2]])'),
        ("torch.tensor([1., float('nan'), 2.]).max()", 'tensor(nan)'),
        ('torch.tensor([[1., 5.], [3., 2.]], requires_grad=True).max(dim=0)',
         'torch.return_types.max(\nvalues=tensor([3., 5.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))'),
    ],
    'maximum': [
        ("torch.tensor([1., float('nan'), 5.]).maximum(torch.tensor([3., 0., 2.]))",
         'tensor([3., nan, 5.])'),
    ],
    'mean': [
        ('torch.tensor([[1., 2.], [3., 4.]]).mean()', 'tensor(2.5000)'),
        ('torch.tensor([[1., 2.], [3., 4.]]).mean(dim=0, keepdim=True)', 'tensor([[2., 3.]])'),
        ('torch.tensor([[1., 2.], [3., 4.]], requires_grad=True).mean(1)',
         'tensor([1.5000, 3.5000], grad_fn=<MeanBackward1>)'),
    ],
    'median': [
        ('torch.tensor([1., 3., 2., 4.]).median()', 'tensor(2.)'),
        ('torch.tensor([[1., 3.], [2., 0.]]).median(dim=1)',
         'torch.return_types.median(\nvalues=tensor([1., 0.]),\nindices=tensor([0, 1]))'),
    ],
    'min': [
        ('torch.tensor([[1, 5], [3, 2]]).min()', 'tensor(1)'),
        ('torch.tensor([[1, 5], [3, 2]]).min(dim=0, keepdim=True)',
         'torch.return_types.min(\nvalues=tensor([[1, 2]]),\nindices=tensor([[0, 1]]))'),
    ],
    'minimum': [
        ("torch.tensor([1., float('nan'), 5.]).minimum(torch.tensor([3., 0., 2.]))",
         'tensor([1., nan, 2.])'),
    ],
    'mm': [
        ('torch.tensor([[1., 2.], [3., 4.]]).mm(torch.tensor([[1.], [1.]]))',
         'tensor([[3.],\n        [7.]])'),
    ],
    'moveaxis': [
        ('torch.zeros(2, 3, 4).moveaxis(0, -1).shape', 'torch.Size([3, 4, 2])'),
    ],
    'movedim': [
        ('torch.zeros(2, 3, 4).movedim((0, 1), (2, 0)).shape', 'torch.Size([3, 4, 2])'),
    ],
    'mul': [
        ('torch.tensor([1, 2]).mul(1.5)', 'tensor([1.5000, 3.0000])'),
        ('torch.tensor([1., 2.], requires_grad=True).mul(2)',
         'tensor([2., 4.], grad_fn=<MulBackward0>)'),
    ],
    'mul_': [
        ('torch.ones(2).mul_(3)', 'tensor([3., 3.])'),
    ],
    'multiply': [
        ('torch.tensor([1., 2.]).multiply(torch.tensor([10., 20.]))', 'tensor([10., 40.])'),
    ],
    'multiply_': [
        ('torch.tensor([1., 2.]).multiply_(torch.tensor([10., 20.]))', 'tensor([10., 40.])'),
    ],
    'mv': [
        ('torch.tensor([[1., 2.], [3., 4.]]).mv(torch.tensor([1., -1.]))', 'tensor([-1., -1.])'),
    ],
    'narrow': [
        ('torch.arange(5).narrow(0, 1, 3)', 'tensor([1, 2, 3])'),
        ('torch.arange(6).view(2, 3).narrow(1, -2, 2)', 'tensor([[1, 2],\n        [4, 5]])'),
    ],
    'ne': [
        ('torch.tensor([1., 2.]).ne(torch.tensor([1., 3.]))', 'tensor([False,  True])'),
    ],
    'ne_': [
        ('torch.tensor([1., 2.]).ne_(1)', 'tensor([0., 1.])'),
    ],
    'neg': [
        ('torch.tensor([1, -2]).neg()', 'tensor([-1,  2])'),
    ],
    'neg_': [
        ('torch.tensor([1., -2.]).neg_()', 'tensor([-1.,  2.])'),
    ],
    'negative': [
        ('torch.tensor([1., -2.]).negative()', 'tensor([-1.,  2.])'),
    ],
    'negative_': [
        ('torch.tensor([1., -2.]).negative_()', 'tensor([-1.,  2.])'),
    ],
    'new_empty': [
        ('e = torch.zeros(1, dtype=torch.int32).new_empty(2, 3)', ''),
        ('e.shape, e.dtype', '(torch.Size([2, 3]), torch.int32)'),
    ],
    'new_full': [
        ('torch.zeros(1, dtype=torch.float64).new_full((2,), 3.5)',
         'tensor([3.5000, 3.5000], dtype=torch.float64)'),
    ],
    'new_ones': [
        ('torch.zeros(1, dtype=torch.int32).new_ones(2, 2)',
         'tensor([[1, 1],\n        [1, 1]], dtype=torch.int32)'),
    ],
    'new_tensor': [
        ('torch.zeros(1, dtype=torch.float64).new_tensor([1, 2])',
         'tensor([1., 2.], dtype=torch.float64)'),
    ],
    'new_zeros': [
        ('torch.ones(1, dtype=torch.int8).new_zeros((2,))', 'tensor([0, 0], dtype=torch.int8)'),
    ],
    'nonzero': [
        ('torch.tensor([0, 3, 0, 5]).nonzero()', 'tensor([[1],\n        [3]])'),
        ('torch.tensor([[0, 1], [1, 0]]).nonzero(as_tuple=True)',
         '(tensor([0, 1]), tensor([1, 0]))'),
    ],
    'norm': [
        ('torch.tensor([3., 4.]).norm()', 'tensor(5.)'),
        ('torch.tensor([3., -4.]).norm(p=1)', 'tensor(7.)'),
        ('torch.tensor([[3., 4.], [6., 8.]]).norm(dim=1)', 'tensor([ 5., 10.])'),
        ("torch.tensor([3., -4.]).norm(p=float('inf'))", 'tensor(4.)'),
        ("torch.tensor([[1., 2.], [2., 4.]]).norm(p='fro')", 'tensor(5.)'),
    ],
    'not_equal': [
        ('torch.tensor([1., 2.]).not_equal(torch.tensor([1., 3.]))', 'tensor([False,  True])'),
    ],
    'not_equal_': [
        ('torch.tensor([1., 2.]).not_equal_(torch.tensor([1., 3.]))', 'tensor([0., 1.])'),
    ],
    'outer': [
        ('torch.tensor([1, 2]).outer(torch.tensor([3, 4, 5]))',
         'tensor([[ 3,  4,  5],\n        [ 6,  8, 10]])'),
    ],
    'permute': [
        ('torch.zeros(2, 3, 4).permute(2, 0, 1).shape', 'torch.Size([4, 2, 3])'),
        ('torch.arange(4).view(2, 2).permute(1, 0)', 'tensor([[0, 2],\n        [1, 3]])'),
    ],
    'pow': [
        ('torch.tensor([1., 2., 3.]).pow(2)', 'tensor([1., 4., 9.])'),
        ('torch.tensor([1., 2., 3.]).pow(torch.tensor([2., 2., 0.]))', 'tensor([1., 4., 1.])'),
        ('torch.tensor([4, 9]).pow(0.5)', 'tensor([2., 3.])'),
        ('torch.tensor([2, 3]).pow(2)', 'tensor([4, 9])'),
    ],
    'pow_': [
        ('torch.tensor([1., 2., 3.]).pow_(2)', 'tensor([1., 4., 9.])'),
    ],
    'prod': [
        ('torch.tensor([[1, 2], [3, 4]]).prod()', 'tensor(24)'),
        ('torch.tensor([[1, 2], [3, 4]]).prod(dim=1)', 'tensor([ 2, 12])'),
    ],
    'ravel': [
        ('torch.arange(4).view(2, 2).t().ravel()', 'tensor([0, 2, 1, 3])'),
    ],
    'reciprocal': [
        ('torch.tensor([2., 0., -0.]).reciprocal()', 'tensor([0.5000,    inf,   -inf])'),
        ('torch.tensor([2, 4]).reciprocal()', 'tensor([0.5000, 0.2500])'),
    ],
    'reciprocal_': [
        ('torch.tensor([2., 0.]).reciprocal_()', 'tensor([0.5000,    inf])'),
    ],
    'relu': [
        ('torch.tensor([-1., 2.], requires_grad=True).relu()',
         'tensor([0., 2.], grad_fn=<ReluBackward0>)'),
        ('torch.tensor([-1, 2]).relu()', 'tensor([0, 2])'),
    ],
    'relu_': [
        ('torch.tensor([-1., 2.]).relu_()', 'tensor([0., 2.])'),
    ],
    'remainder': [
        ('torch.tensor([-3., 3.]).remainder(2)', 'tensor([1., 1.])'),
        ('torch.tensor([3., -3.]).remainder(-2)', 'tensor([-1., -1.])'),
    ],
    'remainder_': [
        ('torch.tensor([-3., 3.]).remainder_(2)', 'tensor([1., 1.])'),
    ],
    'repeat': [
        ('torch.tensor([1, 2]).repeat(2, 2)', 'tensor([[1, 2, 1, 2],\n        [1, 2, 1, 2]])'),
        ('torch.tensor([1, 2]).repeat(3)', 'tensor([1, 2, 1, 2, 1, 2])'),
    ],
    'reshape': [
        ('torch.arange(6).reshape(2, -1)', 'tensor([[0, 1, 2],\n        [3, 4, 5]])'),
        ('torch.arange(6).reshape((3, 2))', 'tensor([[0, 1],\n        [2, 3],\n        [4, 5]])'),
    ],
    'reshape_as': [
        ('torch.arange(6).reshape_as(torch.zeros(3, 2))',
         'tensor([[0, 1],\n        [2, 3],\n        [4, 5]])'),
    ],
    'roll': [
        ('torch.arange(4).roll(1)', 'tensor([3, 0, 1, 2])'),
        ('torch.arange(4).view(2, 2).roll(1, dims=1)', 'tensor([[1, 0],\n        [3, 2]])'),
        ('torch.arange(4).view(2, 2).roll(1)', 'tensor([[3, 0],\n        [1, 2]])'),
    ],
    'round': [
        ('torch.tensor([0.5, 1.5, 2.7]).round()', 'tensor([0., 2., 3.])'),
        ('torch.tensor([1.234, 5.678]).round(decimals=1)', 'tensor([1.2000, 5.7000])'),
        ('torch.tensor([-0.5, -1.5, 2.5]).round()', 'tensor([-0., -2.,  2.])'),
        ('torch.tensor([125., 135.]).round(decimals=-1)', 'tensor([120., 140.])'),
    ],
    'round_': [
        ('torch.tensor([0.5, 1.5, 2.7]).round_()', 'tensor([0., 2., 3.])'),
    ],
    'rsqrt': [
        ('torch.tensor([4., 0.]).rsqrt()', 'tensor([0.5000,    inf])'),
    ],
    'rsqrt_': [
        ('torch.tensor([4., 0.]).rsqrt_()', 'tensor([0.5000,    inf])'),
    ],
    'scatter': [
        ('torch.zeros(3).scatter(0, torch.tensor([2, 0]), torch.tensor([5., 7.]))',
         'tensor([7., 0., 5.])'),
        ('torch.zeros(2, 3).scatter(1, torch.tensor([[0], [2]]), 1.)',
         'tensor([[1., 0., 0.],\n        [0., 0., 1.]])'),
    ],
    'scatter_': [
        ('torch.zeros(3).scatter_(0, torch.tensor([2, 0]), torch.tensor([5., 7.]))',
         'tensor([7., 0., 5.])'),
    ],
    'scatter_add': [
        ('torch.zeros(3).scatter_add(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.]))',
         'tensor([3., 0., 3.])'),
    ],
    'scatter_add_': [
        ('torch.ones(3).scatter_add_(0, torch.tensor([1, 1]), torch.tensor([1., 2.]))',
         'tensor([1., 4., 1.])'),
    ],
    'select': [
        ('torch.arange(6).view(2, 3).select(1, 0)', 'tensor([0, 3])'),
        ('torch.arange(6).view(2, 3).select(0, -1)', 'tensor([3, 4, 5])'),
    ],
    'set_': [
        ('torch.zeros(1).set_(torch.tensor([1., 2.]))', 'tensor([1., 2.])'),
    ],
    'short': [
        ('torch.tensor([1.7, -2.]).short()', 'tensor([ 1, -2], dtype=torch.int16)'),
    ],
    'sigmoid': [
        ('torch.tensor([0., 2.]).sigmoid()', 'tensor([0.5000, 0.8808])'),
    ],
    'sigmoid_': [
        ('torch.tensor([0., 2.]).sigmoid_()', 'tensor([0.5000, 0.8808])'),
    ],
    'sign': [
        ('torch.tensor([-2, 0, 3]).sign()', 'tensor([-1,  0,  1])'),
    ],
    'sign_': [
        ('torch.tensor([-2., 0., 3.]).sign_()', 'tensor([-1.,  0.,  1.])'),
    ],
    'sin': [
        ('torch.tensor([0., 1.5708]).sin()', 'tensor([0., 1.])'),
    ],
    'sin_': [
        ('torch.tensor([0., 1.5708]).sin_()', 'tensor([0., 1.])'),
    ],
    'sinh': [
        ('torch.tensor([0., 1.]).sinh()', 'tensor([0.0000, 1.1752])'),
    ],
    'sinh_': [
        ('torch.tensor([0., 1.]).sinh_()', 'tensor([0.0000, 1.1752])'),
    ],
    'slogdet': [
        ('torch.tensor([[-2., 0.], [0., 3.]], requires_grad=True).slogdet()',
         'torch.return_types.slogdet(\nsign=tensor(-1., grad_fn=<LinalgSlogdetBackward0>),\nlogabsdet=tensor(1.7918, grad_fn=<LinalgSlogdetBackward0>))'),
    ],
    'softmax': [
        ('torch.tensor([0., 0.]).softmax(dim=0)', 'tensor([0.5000, 0.5000])'),
        ('torch.tensor([[1., 1.], [0., 0.]]).softmax(dim=0)',
         'tensor([[0.7311, 0.7311],\n        [0.2689, 0.2689]])'),
    ],
    'sort': [
        ('torch.tensor([3, 1, 2]).sort()',
         'torch.return_types.sort(\nvalues=tensor([1, 2, 3]),\nindices=tensor([1, 2, 0]))'),
        ('torch.tensor([[3, 1], [2, 4]]).sort(dim=0, descending=True)',
         'torch.return_types.sort(\nvalues=tensor([[3, 4],\n        [2, 1]]),\nindices=tensor([[0, 1],\n        [1, 0]]))'),
        ("torch.tensor([2., float('nan'), 1.]).sort()",
         'torch.return_types.sort(\nvalues=tensor([1., 2., nan]),\nindices=tensor([2, 0, 1]))'),
    ],
    'split': [
        ('torch.arange(5).split(2)', '(tensor([0, 1]), tensor([2, 3]), tensor([4]))'),
        ('torch.arange(5).split([1, 4])', '(tensor([0]), tensor([1, 2, 3, 4]))'),
    ],
    'sqrt': [
        ('torch.tensor([4., 9.]).sqrt()', 'tensor([2., 3.])'),
    ],
    'sqrt_': [
        ('torch.tensor([4., 9.]).sqrt_()', 'tensor([2., 3.])'),
    ],
    'square': [
        ('torch.tensor([-2., 3.]).square()', 'tensor([4., 9.])'),
    ],
    'square_': [
        ('torch.tensor([-2., 3.]).square_()', 'tensor([4., 9.])'),
    ],
    'squeeze': [
        ('torch.zeros(1, 2, 1).squeeze().shape', 'torch.Size([2])'),
        ('torch.zeros(1, 2, 1).squeeze(0).shape', 'torch.Size([2, 1])'),
        ('torch.zeros(1, 2, 1).squeeze(1).shape', 'torch.Size([1, 2, 1])'),
        ('torch.zeros(1, 2, 1).squeeze((0, 2)).shape', 'torch.Size([2])'),
    ],
    'std': [
        ('torch.tensor([1., 2., 3., 4.]).std()', 'tensor(1.2910)'),
        ('torch.tensor([1., 2., 3., 4.]).std(correction=0)', 'tensor(1.1180)'),
        ('torch.tensor([[1., 2.], [3., 5.]]).std(dim=1, keepdim=True)',
         'tensor([[0.7071],\n        [1.4142]])'),
        ('torch.tensor([1.]).std()', 'tensor(nan)'),
    ],
    'sub': [
        ('torch.tensor([1., 2.]).sub(torch.tensor([10., 20.]), alpha=0.5)', 'tensor([-4., -8.])'),
    ],
    'sub_': [
        ('torch.ones(2).sub_(3)', 'tensor([-2., -2.])'),
    ],
    'subtract': [
        ('torch.tensor([1., 2.]).subtract(torch.tensor([10., 20.]))', 'tensor([ -9., -18.])'),
    ],
    'subtract_': [
        ('torch.tensor([1., 2.]).subtract_(torch.tensor([10., 20.]))', 'tensor([ -9., -18.])'),
    ],
    'sum': [
        ('torch.tensor([[1, 2], [3, 4]]).sum()', 'tensor(10)'),
        ('torch.tensor([[1, 2], [3, 4]]).sum(dim=1)', 'tensor([3, 7])'),
        ('torch.tensor([[1, 2], [3, 4]]).sum(0, keepdim=True, dtype=torch.float64)',
         'tensor([[4., 6.]], dtype=torch.float64)'),
        ('torch.tensor([100, 100], dtype=torch.int8).sum()', 'tensor(200)'),
        ('torch.tensor([[1., 2.], [3., 4.]], requires_grad=True).sum()',
         'tensor(10., grad_fn=<SumBackward0>)'),
        ('torch.tensor([[1., 2.], [3., 4.]], requires_grad=True).sum(dim=0)',
         'tensor([4., 6.], grad_fn=<SumBackward1>)'),
    ],
    'svd': [
        ('torch.tensor([[3., 0.], [4., 5.]]).svd().S',
         'tensor([6.7082, 2.2361])'),
        ('[t.shape for t in torch.ones(3, 2).svd(some=False)]',
         '[torch.Size([3, 3]), torch.Size([2]), torch.Size([2, 2])]'),
    ],
    'swapaxes': [
        ('torch.zeros(2, 3, 4).swapaxes(0, 2).shape', 'torch.Size([4, 3, 2])'),
    ],
    'swapdims': [
        ('torch.zeros(2, 3, 4).swapdims(1, -1).shape', 'torch.Size([2, 4, 3])'),
    ],
    't': [
        ('torch.tensor([[1, 2], [3, 4]]).t()', 'tensor([[1, 3],\n        [2, 4]])'),
        ('torch.tensor([1, 2]).t()', 'tensor([1, 2])'),
        ('torch.tensor([[1., 2.]], requires_grad=True).t()',
         'tensor([[1.],\n        [2.]], grad_fn=<TBackward0>)'),
    ],
    't_': [
        ('torch.tensor([[1, 2], [3, 4]]).t_()', 'tensor([[1, 3],\n        [2, 4]])'),
    ],
    'take': [
        ('torch.tensor([[1, 2], [3, 4]]).take(torch.tensor([0, 3]))', 'tensor([1, 4])'),
    ],
    'tan': [
        ('torch.tensor([0., 0.7854]).tan()', 'tensor([0.0000, 1.0000])'),
    ],
    'tan_': [
        ('torch.tensor([0., 0.7854]).tan_()', 'tensor([0.0000, 1.0000])'),
    ],
    'tanh': [
        ('torch.tensor([0., 1.]).tanh()', 'tensor([0.0000, 0.7616])'),
    ],
    'tanh_': [
        ('torch.tensor([0., 1.]).tanh_()', 'tensor([0.0000, 0.7616])'),
    ],
    'to': [
        ('torch.tensor([1, 2]).to(torch.float64)', 'tensor([1., 2.], dtype=torch.float64)'),
        ("torch.tensor([1.5]).to('cpu', dtype=torch.int32)", 'tensor([1], dtype=torch.int32)'),
        ('torch.tensor([1, 2]).to(torch.zeros(1, dtype=torch.float16))',
         'tensor([1., 2.], dtype=torch.float16)'),
        ('x = torch.ones(1)', ''),
        ('x.to(torch.float32) is x', 'True'),
        ('x.to(torch.float32, copy=True) is x', 'False'),
    ],
    'topk': [
        ('torch.tensor([1., 4., 2., 3.]).topk(2)',
         'torch.return_types.topk(\nvalues=tensor([4., 3.]),\nindices=tensor([1, 3]))'),
        ('torch.tensor([1., 4., 2., 3.]).topk(2, largest=False)',
         'torch.return_types.topk(\nvalues=tensor([1., 2.]),\nindices=tensor([0, 2]))'),
    ],
    'transpose': [
        ('torch.arange(6).view(2, 3).transpose(0, 1)',
         'tensor([[0, 3],\n        [1, 4],\n        [2, 5]])'),
    ],
    'tril': [
        ('torch.ones(3, 3).tril()',
         'tensor([[1., 0., 0.],\n        [1., 1., 0.],\n        [1., 1., 1.]])'),
        ('torch.ones(3, 3).tril(diagonal=-1)',
         'tensor([[0., 0., 0.],\n        [1., 0., 0.],\n        [1., 1., 0.]])'),
    ],
    'tril_': [
        ('torch.ones(2, 2).tril_()', 'tensor([[1., 0.],\n        [1., 1.]])'),
    ],
    'triu': [
        ('torch.ones(3, 3).triu()',
         'tensor([[1., 1., 1.],\n        [0., 1., 1.],\n        [0., 0., 1.]])'),
        ('torch.ones(3, 3).triu(1)',
         'tensor([[0., 1., 1.],\n        [0., 0., 1.],\n        [0., 0., 0.]])'),
    ],
    'triu_': [
        ('torch.ones(2, 2).triu_()', 'tensor([[1., 1.],\n        [0., 1.]])'),
    ],
    'true_divide': [
        ('torch.tensor([1, 3]).true_divide(2)', 'tensor([0.5000, 1.5000])'),
    ],
    'true_divide_': [
        ('torch.tensor([1., 6.]).true_divide_(torch.tensor([2., 4.]))', 'tensor([0.5000, 1.5000])'),
    ],
    'trunc': [
        ('torch.tensor([-1.7, 1.7, -0.5]).trunc()', 'tensor([-1.,  1., -0.])'),
    ],
    'trunc_': [
        ('torch.tensor([-1.7, 1.7]).trunc_()', 'tensor([-1.,  1.])'),
    ],
    'type_as': [
        ('torch.tensor([1, 2]).type_as(torch.zeros(1))', 'tensor([1., 2.])'),
    ],
    'unbind': [
        ('torch.tensor([[1, 2], [3, 4]]).unbind()', '(tensor([1, 2]), tensor([3, 4]))'),
        ('torch.tensor([[1, 2], [3, 4]]).unbind(1)', '(tensor([1, 3]), tensor([2, 4]))'),
    ],
    'unflatten': [
        ('torch.zeros(6).unflatten(0, (2, 3)).shape', 'torch.Size([2, 3])'),
        ('torch.zeros(2, 6).unflatten(1, (-1, 2)).shape', 'torch.Size([2, 3, 2])'),
    ],
    'unsqueeze': [
        ('torch.tensor([1, 2]).unsqueeze(0)', 'tensor([[1, 2]])'),
        ('torch.tensor([1, 2]).unsqueeze(-1)', 'tensor([[1],\n        [2]])'),
        ('torch.tensor([1., 2.], requires_grad=True).unsqueeze(0)',
         'tensor([[1., 2.]], grad_fn=<UnsqueezeBackward0>)'),
    ],
    'var': [
        ('torch.tensor([1., 2., 3., 4.]).var()', 'tensor(1.6667)'),
        ('torch.tensor([1., 2., 3., 4.]).var(unbiased=False)', 'tensor(1.2500)'),
        ('torch.tensor([[1., 2.], [3., 5.]]).var(dim=0)', 'tensor([2.0000, 4.5000])'),
        ('torch.tensor([1., 2., 3., 4.]).var(correction=2)', 'tensor(2.5000)'),
    ],
    'view': [
        ('torch.arange(6).view(3, 2)', 'tensor([[0, 1],\n        [2, 3],\n        [4, 5]])'),
        ('torch.arange(6).view(-1, 3)', 'tensor([[0, 1, 2],\n        [3, 4, 5]])'),
        ('x = torch.zeros(4)', ''),
        ('v = x.view(2, 2)', ''),
        ('v[0, 0] = 1', ''),
        ('x', 'tensor([1., 0., 0., 0.])'),
        ('torch.tensor([1., 2.], requires_grad=True).view(2, 1)',
         'tensor([[1.],\n        [2.]], grad_fn=<ViewBackward0>)'),
    ],
    'view_as': [
        ('torch.arange(6).view_as(torch.zeros(2, 3))', 'tensor([[0, 1, 2],\n        [3, 4, 5]])'),
    ],
    'where': [
        ('torch.tensor([1., 2., 3.]).where(torch.tensor([True, False, True]), 0.)',
         'tensor([1., 0., 3.])'),
        ('torch.tensor([1, 2, 3]).where(torch.tensor([True, False, True]), torch.tensor([7, 8, 9]))',
         'tensor([1, 8, 3])'),
    ],
    'zero_': [
        ('torch.tensor([1., 2.]).zero_()', 'tensor([0., 0.])'),
    ],
    'addcmul': [
        ('torch.tensor([1., 2.]).addcmul(torch.tensor([3., 4.]), torch.tensor([2., 0.5]), value=2)',
         'tensor([13.,  6.])'),
    ],
    'addcmul_': [
        ('torch.tensor([1., 2.]).addcmul_(torch.tensor([3., 4.]), torch.tensor([2., 0.5]))',
         'tensor([7., 4.])'),
    ],
    'addcdiv': [
        ('torch.tensor([1., 2.]).addcdiv(torch.tensor([3., 4.]), torch.tensor([2., 8.]), value=2)',
         'tensor([4., 3.])'),
    ],
    'addcdiv_': [
        ('torch.tensor([1., 2.]).addcdiv_(torch.tensor([3., 4.]), torch.tensor([2., 8.]))',
         'tensor([2.5000, 2.5000])'),
    ],
    'hypot': [
        ('torch.tensor([3., 5.]).hypot(torch.tensor([4., 12.]))',
         'tensor([ 5., 13.])'),
    ],
    'hypot_': [
        ('torch.tensor([3., 5.]).hypot_(torch.tensor([4., 12.]))',
         'tensor([ 5., 13.])'),
    ],
    'repeat_interleave': [
        ('torch.tensor([[1., 2.], [3., 4.]]).repeat_interleave(2, dim=1)',
         'tensor([[1., 1., 2., 2.],\n        [3., 3., 4., 4.]])'),
        ('torch.tensor([[1., 2.], [3., 4.]], requires_grad=True).repeat_interleave(torch.tensor([1, 2]), dim=0)',
         'tensor([[1., 2.],\n        [3., 4.],\n        [3., 4.]], grad_fn=<IndexSelectBackward0>)'),
    ],
    'nanmedian': [
        ("torch.tensor([1., float('nan'), 3., 2.]).nanmedian()",
         'tensor(2.)'),
        ("torch.tensor([[1., float('nan'), 3.], [float('nan'), 5., 4.]], requires_grad=True).nanmedian(1)",
         'torch.return_types.nanmedian(\nvalues=tensor([1., 4.], grad_fn=<NanmedianBackward1>),\nindices=tensor([0, 2]))'),
    ],
    'inverse': [
        ('torch.tensor([[2., 0.], [0., 4.]], requires_grad=True).inverse()',
         'tensor([[0.5000, 0.0000],\n        [0.0000, 0.2500]], grad_fn=<LinalgInvExBackward0>)'),
    ],
    'bitwise_left_shift': [
        ('torch.tensor([1, 2, 3]).bitwise_left_shift(2)',
         'tensor([ 4,  8, 12])'),
        ('torch.tensor([1], dtype=torch.int8).bitwise_left_shift(torch.tensor([7], dtype=torch.int8))',
         'tensor([-128], dtype=torch.int8)'),
    ],
    'bitwise_left_shift_': [
        ('torch.tensor([1, 2, 3]).bitwise_left_shift_(torch.tensor([1, 0, 64]))',
         'tensor([2, 2, 0])'),
    ],
    'bitwise_right_shift': [
        ('torch.tensor([-8, 8, 5]).bitwise_right_shift(torch.tensor([1, 2, 70]))',
         'tensor([-4,  2,  0])'),
    ],
    'bitwise_right_shift_': [
        ('torch.tensor([16, 3]).bitwise_right_shift_(1)',
         'tensor([8, 1])'),
    ],
    'squeeze_': [
        ('x = torch.zeros(2, 1, 3, requires_grad=True) * 1',
         ''),
        ('x.squeeze_(1).shape',
         'torch.Size([2, 3])'),
        ('x.grad_fn.name()',
         "'SqueezeBackward4'"),
    ],
    'unsqueeze_': [
        ('x = torch.tensor([1., 2.])',
         ''),
        ('x.unsqueeze_(0)',
         'tensor([[1., 2.]])'),
        ('x.shape',
         'torch.Size([1, 2])'),
    ],
    'transpose_': [
        ('x = torch.tensor([[1., 2., 3.]])',
         ''),
        ('x.transpose_(0, 1)',
         'tensor([[1.],\n        [2.],\n        [3.]])'),
        ('x.stride()',
         '(1, 3)'),
    ],
    'acosh': [
        ('torch.tensor([1., 2.]).acosh()', 'tensor([0.0000, 1.3170])'),
    ],
    'acosh_': [
        ('torch.tensor([1., 2.]).acosh_()', 'tensor([0.0000, 1.3170])'),
    ],
    'arccosh': [
        ('torch.tensor([1., 2.]).arccosh()', 'tensor([0.0000, 1.3170])'),
    ],
    'arccosh_': [
        ('torch.tensor([1., 2.]).arccosh_()', 'tensor([0.0000, 1.3170])'),
    ],
    'arcsinh': [
        ('torch.tensor([0., 1.]).arcsinh()', 'tensor([0.0000, 0.8814])'),
    ],
    'arcsinh_': [
        ('torch.tensor([0., 1.]).arcsinh_()', 'tensor([0.0000, 0.8814])'),
    ],
    'arctanh': [
        ('torch.tensor([0., 0.5]).arctanh()', 'tensor([0.0000, 0.5493])'),
    ],
    'arctanh_': [
        ('torch.tensor([0., 0.5]).arctanh_()', 'tensor([0.0000, 0.5493])'),
    ],
    'asinh': [
        ('torch.tensor([0., 1.]).asinh()', 'tensor([0.0000, 0.8814])'),
    ],
    'asinh_': [
        ('torch.tensor([0., 1.]).asinh_()', 'tensor([0.0000, 0.8814])'),
    ],
    'atanh': [
        ('torch.tensor([0., 0.5]).atanh()', 'tensor([0.0000, 0.5493])'),
    ],
    'atanh_': [
        ('torch.tensor([0., 0.5]).atanh_()', 'tensor([0.0000, 0.5493])'),
    ],
    'copysign': [
        ('torch.tensor([1., -2.]).copysign(torch.tensor([-1., 1.]))', 'tensor([-1.,  2.])'),
    ],
    'copysign_': [
        ('torch.tensor([1., -2.]).copysign_(torch.tensor([-1., 1.]))', 'tensor([-1.,  2.])'),
    ],
    'deg2rad': [
        ('torch.tensor([180., 90.]).deg2rad()', 'tensor([3.1416, 1.5708])'),
    ],
    'deg2rad_': [
        ('torch.tensor([180., 90.]).deg2rad_()', 'tensor([3.1416, 1.5708])'),
    ],
    'erfc': [
        ('torch.tensor([0., 1.]).erfc()', 'tensor([1.0000, 0.1573])'),
    ],
    'erfc_': [
        ('torch.tensor([0., 1.]).erfc_()', 'tensor([1.0000, 0.1573])'),
    ],
    'erfinv': [
        ('torch.tensor([0., 0.5]).erfinv()', 'tensor([0.0000, 0.4769])'),
    ],
    'erfinv_': [
        ('torch.tensor([0., 0.5]).erfinv_()', 'tensor([0.0000, 0.4769])'),
    ],
    'float_power': [
        ('torch.tensor([2., 3.], dtype=torch.float64).float_power(2)',
         'tensor([4., 9.], dtype=torch.float64)'),
    ],
    'float_power_': [
        ('torch.tensor([2., 3.], dtype=torch.float64).float_power_(2)',
         'tensor([4., 9.], dtype=torch.float64)'),
    ],
    'fmax': [
        ("torch.tensor([1., float('nan')]).fmax(torch.tensor([float('nan'), 2.]))",
         'tensor([1., 2.])'),
    ],
    'fmin': [
        ("torch.tensor([1., float('nan')]).fmin(torch.tensor([float('nan'), 2.]))",
         'tensor([1., 2.])'),
    ],
    'heaviside': [
        ('torch.tensor([-1., 0., 2.]).heaviside(torch.tensor([0.5]))',
         'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'heaviside_': [
        ('torch.tensor([-1., 0., 2.]).heaviside_(torch.tensor([0.5]))',
         'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'isneginf': [
        ("torch.tensor([float('inf'), -float('inf'), 1.]).isneginf()",
         'tensor([False,  True, False])'),
    ],
    'isposinf': [
        ("torch.tensor([float('inf'), -float('inf'), 1.]).isposinf()",
         'tensor([ True, False, False])'),
    ],
    'isreal': [
        ('torch.tensor([1 + 1j, 2 + 0j]).isreal()', 'tensor([False,  True])'),
    ],
    'logaddexp': [
        ('torch.tensor([0., 1.]).logaddexp(torch.tensor([0., 2.]))', 'tensor([0.6931, 2.3133])'),
    ],
    'logaddexp2': [
        ('torch.tensor([0., 1.]).logaddexp2(torch.tensor([0., 2.]))', 'tensor([1.0000, 2.5850])'),
    ],
    'logit': [
        ('torch.tensor([0.25, 0.5]).logit()', 'tensor([-1.0986,  0.0000])'),
        ('torch.tensor([0., 0.5, 1.]).logit(eps=0.1)', 'tensor([-2.1972,  0.0000,  2.1972])'),
    ],
    'logit_': [
        ('torch.tensor([0.25, 0.5]).logit_()', 'tensor([-1.0986,  0.0000])'),
    ],
    'nan_to_num': [
        ("torch.tensor([float('nan'), float('inf'), 1.]).nan_to_num()",
         'tensor([0.0000e+00, 3.4028e+38, 1.0000e+00])'),
    ],
    'nan_to_num_': [
        ("torch.tensor([float('nan'), float('inf'), 1.]).nan_to_num_()",
         'tensor([0.0000e+00, 3.4028e+38, 1.0000e+00])'),
    ],
    'positive': [
        ('x = torch.tensor([1., -2.])', ''),
        ('x.positive() is x', 'True'),
    ],
    'rad2deg': [
        ('torch.tensor([3.1416, 1.]).rad2deg()', 'tensor([180.0004,  57.2958])'),
    ],
    'rad2deg_': [
        ('torch.tensor([3.1416, 1.]).rad2deg_()', 'tensor([180.0004,  57.2958])'),
    ],
    'sgn': [
        ('torch.tensor([-2., 0., 3.]).sgn()', 'tensor([-1.,  0.,  1.])'),
    ],
    'sgn_': [
        ('torch.tensor([-2., 0., 3.]).sgn_()', 'tensor([-1.,  0.,  1.])'),
    ],
    'signbit': [
        ('torch.tensor([-0., 1., -2.]).signbit()', 'tensor([ True, False,  True])'),
    ],
    'sinc': [
        ('torch.tensor([0., 0.5]).sinc()', 'tensor([1.0000, 0.6366])'),
    ],
    'sinc_': [
        ('torch.tensor([0., 0.5]).sinc_()', 'tensor([1.0000, 0.6366])'),
    ],
    'xlogy': [
        ('torch.tensor([0., 2.]).xlogy(torch.tensor([0., 3.]))', 'tensor([0.0000, 2.1972])'),
    ],
    'xlogy_': [
        ('torch.tensor([0., 2.]).xlogy_(torch.tensor([0., 3.]))', 'tensor([0.0000, 2.1972])'),
    ],
    'cross': [
        ('torch.tensor([1., 2., 3.]).cross(torch.tensor([0., 1., 0.]), dim=0)',
         'tensor([-3.,  0.,  1.])'),
    ],
    'diag': [
        ('torch.tensor([1., 2., 3.]).diag()',
         'tensor([[1., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 3.]])'),
        ('torch.tensor([[1., 2.], [3., 4.]]).diag(1)', 'tensor([2.])'),
    ],
    'diag_embed': [
        ('torch.tensor([[1., 2.], [3., 4.]]).diag_embed()',
         'tensor([[[1., 0.],\n         [0., 2.]],\n\n        [[3., 0.],\n         [0., 4.]]])'),
    ],
    'diagflat': [
        ('torch.tensor([[1., 2.], [3., 4.]]).diagflat()',
         'tensor([[1., 0., 0., 0.],\n        [0., 2., 0., 0.],\n        [0., 0., 3., 0.],\n        [0., 0., 0., 4.]])'),
    ],
    'diff': [
        ('torch.tensor([1., 2., 3.]).diff()', 'tensor([1., 1.])'),
        ('torch.tensor([[1., 2.], [3., 4.]]).diff(dim=0)', 'tensor([[2., 2.]])'),
    ],
    'inner': [
        ('torch.tensor([[1., 2.], [3., 4.]]).inner(torch.tensor([[1., 2.], [3., 4.]]))',
         'tensor([[ 5., 11.],\n        [11., 25.]])'),
    ],
    'kron': [
        ('torch.tensor([[1., 2.], [3., 4.]]).kron(torch.tensor([1., 10.]))',
         'tensor([[ 1., 10.,  2., 20.],\n        [ 3., 30.,  4., 40.]])'),
    ],
    'logcumsumexp': [
        ('torch.tensor([1., 2., 3.]).logcumsumexp(0)', 'tensor([1.0000, 2.3133, 3.4076])'),
    ],
    'nanmean': [
        ("torch.tensor([1., float('nan'), 3.]).nanmean()", 'tensor(2.)'),
    ],
    'nansum': [
        ("torch.tensor([1., float('nan'), 3.]).nansum()", 'tensor(4.)'),
    ],
    'rot90': [
        ('torch.tensor([[1., 2.], [3., 4.]]).rot90()', 'tensor([[2., 4.],\n        [1., 3.]])'),
        ('torch.tensor([[1., 2.], [3., 4.]]).rot90(2, [1, 0])',
         'tensor([[4., 3.],\n        [2., 1.]])'),
    ],
    'tensor_split': [
        ('torch.arange(5).tensor_split(2)', '(tensor([0, 1, 2]), tensor([3, 4]))'),
        ('torch.arange(5).tensor_split([1, 3])', '(tensor([0]), tensor([1, 2]), tensor([3, 4]))'),
    ],
    'tile': [
        ('torch.tensor([1., 2., 3.]).tile(2)', 'tensor([1., 2., 3., 1., 2., 3.])'),
        ('torch.tensor([1., 2., 3.]).tile(2, 1)', 'tensor([[1., 2., 3.],\n        [1., 2., 3.]])'),
    ],
    'trace': [
        ('torch.tensor([[1., 2.], [3., 4.]]).trace()', 'tensor(5.)'),
    ],
    'vdot': [
        ('torch.tensor([1., 2., 3.]).vdot(torch.tensor([1., 2., 3.]))', 'tensor(14.)'),
    ],
    'unfold': [
        ('torch.arange(5.).unfold(0, 2, 1)',
         'tensor([[0., 1.],\n        [1., 2.],\n        [2., 3.],\n        [3., 4.]])'),
        ('torch.arange(6.).view(2, 3).unfold(1, 2, 1).stride()', '(3, 1, 1)'),
    ],
    'bincount': [
        ('torch.tensor([0, 1, 1, 3]).bincount()',
         'tensor([1, 2, 0, 1])'),
        ('torch.tensor([0, 1, 1, 3]).bincount(minlength=6)',
         'tensor([1, 2, 0, 1, 0, 0])'),
    ],
    'histc': [
        ('torch.tensor([1., 2., 1., 4.]).histc(bins=4, min=0, max=4)',
         'tensor([0., 2., 1., 1.])'),
    ],
    'histogram': [
        ('torch.tensor([1., 2., 1.]).histogram(bins=2)',
         'torch.return_types.histogram(\nhist=tensor([2., 1.]),\nbin_edges=tensor([1.0000, 1.5000, 2.0000]))'),
    ],
    'unique': [
        ('torch.tensor([3, 1, 3, 2]).unique()',
         'tensor([1, 2, 3])'),
        ('torch.tensor([3, 1, 3, 2]).unique(return_inverse=True, return_counts=True)',
         '(tensor([1, 2, 3]), tensor([2, 0, 2, 1]), tensor([1, 1, 2]))'),
        ('torch.tensor([[1, 2], [1, 2], [0, 5]]).unique(dim=0)',
         'tensor([[0, 5],\n        [1, 2]])'),
    ],
    'unique_consecutive': [
        ('torch.tensor([1, 1, 2, 2, 3, 1]).unique_consecutive(return_counts=True)',
         '(tensor([1, 2, 3, 1]), tensor([2, 2, 1, 1]))'),
    ],
    'dsplit': [
        ('torch.arange(4).view(1, 1, 4).dsplit(2)',
         '(tensor([[[0, 1]]]), tensor([[[2, 3]]]))'),
    ],
    'fliplr': [
        ('torch.tensor([[1, 2], [3, 4]]).fliplr()',
         'tensor([[2, 1],\n        [4, 3]])'),
    ],
    'flipud': [
        ('torch.tensor([[1, 2], [3, 4]]).flipud()',
         'tensor([[3, 4],\n        [1, 2]])'),
    ],
    'hsplit': [
        ('torch.arange(6).view(2, 3).hsplit(3)',
         '(tensor([[0],\n        [3]]), tensor([[1],\n        [4]]), tensor([[2],\n        [5]]))'),
    ],
    'msort': [
        ('torch.tensor([[3, 1], [1, 2]]).msort()',
         'tensor([[1, 1],\n        [3, 2]])'),
    ],
    'take_along_dim': [
        ('torch.tensor([[10, 20, 30], [40, 50, 60]]).take_along_dim(torch.tensor([[2], [0]]), dim=1)',
         'tensor([[30],\n        [40]])'),
    ],
    'vsplit': [
        ('torch.arange(6).view(3, 2).vsplit([1])',
         '(tensor([[0, 1]]), tensor([[2, 3],\n        [4, 5]]))'),
    ],
    'nanquantile': [
        ("torch.tensor([1., float('nan'), 3.]).nanquantile(0.5)",
         'tensor(2.)'),
    ],
    'quantile': [
        ('torch.tensor([[1., 2., 3., 4.], [0., 5., 1., 2.]]).quantile(0.25, dim=1)',
         'tensor([1.7500, 0.7500])'),
        ("torch.tensor([1., 2., 3., 4.]).quantile(torch.tensor([0.25, 0.5]), interpolation='lower')",
         'tensor([1., 2.])'),
    ],
    'gcd': [
        ('torch.tensor([12, -18, 0]).gcd(torch.tensor([8, 12, 0]))',
         'tensor([4, 6, 0])'),
    ],
    'gcd_': [
        ('x = torch.tensor([6, 9])',
         ''),
        ('x.gcd_(torch.tensor([4, 6]))',
         'tensor([2, 3])'),
        ('x',
         'tensor([2, 3])'),
    ],
    'lcm': [
        ('torch.tensor([4, -6, 0]).lcm(torch.tensor([6, 4, 5]))',
         'tensor([12, 12,  0])'),
    ],
    'lcm_': [
        ('x = torch.tensor([6, 9])',
         ''),
        ('x.lcm_(torch.tensor([4, 6]))',
         'tensor([12, 18])'),
        ('x',
         'tensor([12, 18])'),
    ],
    'ldexp': [
        ('torch.tensor([1., 3.]).ldexp(torch.tensor([2, -1]))',
         'tensor([4.0000, 1.5000])'),
    ],
    'ldexp_': [
        ('x = torch.tensor([1., 3.])',
         ''),
        ('x.ldexp_(torch.tensor([2, 1]))',
         'tensor([4., 6.])'),
    ],
    'sum_to_size': [
        ('torch.ones(2, 3).sum_to_size(1, 3)',
         'tensor([[2., 2., 2.]])'),
        ('torch.ones(2, 3).sum_to_size((2, 1))',
         'tensor([[3.],\n        [3.]])'),
    ],
    'swapaxes_': [
        ('x = torch.zeros(2, 3, 4)',
         ''),
        ('x.swapaxes_(0, 2).shape',
         'torch.Size([4, 3, 2])'),
    ],
    'swapdims_': [
        ('x = torch.zeros(2, 3)',
         ''),
        ('x.swapdims_(0, 1).shape',
         'torch.Size([3, 2])'),
    ],
    'aminmax': [
        ('torch.tensor([[3, 1], [0, 5]]).aminmax(dim=1)',
         'torch.return_types.aminmax(\nmin=tensor([1, 0]),\nmax=tensor([3, 5]))'),
    ],
    'diagonal_scatter': [
        ('torch.zeros(2, 3).diagonal_scatter(torch.ones(2), 1)',
         'tensor([[0., 1., 0.],\n        [0., 0., 1.]])'),
    ],
    'i0': [
        ('torch.tensor([0., 1., 2.]).i0()',
         'tensor([1.0000, 1.2661, 2.2796])'),
    ],
    'i0_': [
        ('x = torch.tensor([0., 1.])',
         ''),
        ('x.i0_()',
         'tensor([1.0000, 1.2661])'),
    ],
    'select_scatter': [
        ('torch.zeros(2, 2).select_scatter(torch.ones(2), 0, 1)',
         'tensor([[0., 0.],\n        [1., 1.]])'),
    ],
    'slice_scatter': [
        ('torch.zeros(2, 4).slice_scatter(torch.ones(2, 2), 1, start=0, step=2)',
         'tensor([[1., 0., 1., 0.],\n        [1., 0., 1., 0.]])'),
    ],
    'fill_diagonal_': [
        ('torch.zeros(3, 3).fill_diagonal_(5.)',
         'tensor([[5., 0., 0.],\n        [0., 5., 0.],\n        [0., 0., 5.]])'),
        ('torch.zeros(5, 2).fill_diagonal_(1, wrap=True)',
         'tensor([[1., 0.],\n        [0., 1.],\n        [0., 0.],\n        [1., 0.],\n        [0., 1.]])'),
    ],
}

FUNCTION_EXAMPLES = {
    'adaptive_avg_pool1d': [
        ('torch.adaptive_avg_pool1d(torch.tensor([[[1., 3., 2.]]]), 2)',
         'tensor([[[2.0000, 2.5000]]])'),
    ],
    'adaptive_max_pool1d': [
        ('torch.adaptive_max_pool1d(torch.tensor([[[1., 3., 2.]]]), 2)',
         '(tensor([[[3., 3.]]]), tensor([[[1, 1]]]))'),
    ],
    'alpha_dropout': [
        ('torch.alpha_dropout(torch.ones(2), 0.5, False)',
         'tensor([1., 1.])'),
    ],
    'alpha_dropout_': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.alpha_dropout_(torch.ones(4), 0.5, True)',
         'tensor([-0.7792, -0.7792,  1.6656, -0.7792])'),
    ],
    'avg_pool1d': [
        ('torch.avg_pool1d(torch.tensor([[[1., 3., 2., 0.]]]), 2)',
         'tensor([[[2., 1.]]])'),
    ],
    'celu': [
        ('torch.celu(torch.tensor([-1., 2.], requires_grad=True), 2.)',
         'tensor([-0.7869,  2.0000], grad_fn=<CeluBackward0>)'),
    ],
    'celu_': [
        ('torch.celu_(torch.tensor([-1., 2.]))',
         'tensor([-0.6321,  2.0000])'),
    ],
    'channel_shuffle': [
        ('torch.channel_shuffle(torch.arange(4.).view(1, 4, 1), 2)',
         'tensor([[[0.],\n         [2.],\n         [1.],\n         [3.]]])'),
    ],
    'cosine_similarity': [
        ('torch.cosine_similarity(torch.tensor([[1., 0.]]), torch.tensor([[1., 1.]]))',
         'tensor([0.7071])'),
    ],
    'dropout': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.dropout(torch.ones(4), 0.5, True)',
         'tensor([0., 0., 2., 0.])'),
        ('torch.dropout(torch.ones(2), 0.5, False)',
         'tensor([1., 1.])'),
    ],
    'dropout_': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.dropout_(torch.ones(4), 0.5, True)',
         'tensor([0., 0., 2., 0.])'),
    ],
    'feature_alpha_dropout': [
        ('torch.feature_alpha_dropout(torch.ones(1, 2), 0.5, False)',
         'tensor([[1., 1.]])'),
    ],
    'feature_alpha_dropout_': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.feature_alpha_dropout_(torch.ones(1, 4, 1), 0.5, True)',
         'tensor([[[-0.7792],\n         [-0.7792],\n         [ 1.6656],\n         [-0.7792]]])'),
    ],
    'feature_dropout': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.feature_dropout(torch.ones(1, 4, 2), 0.5, True)',
         'tensor([[[0., 0.],\n         [0., 0.],\n         [2., 2.],\n         [0., 0.]]])'),
    ],
    'feature_dropout_': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.feature_dropout_(torch.ones(1, 4, 2), 0.5, True)',
         'tensor([[[0., 0.],\n         [0., 0.],\n         [2., 2.],\n         [0., 0.]]])'),
    ],
    'hardshrink': [
        ('torch.hardshrink(torch.tensor([0.3, -2.]))',
         'tensor([ 0., -2.])'),
    ],
    'addbmm': [
        ('torch.addbmm(torch.zeros(2, 2), torch.ones(3, 2, 1), torch.ones(3, 1, 2))',
         'tensor([[3., 3.],\n        [3., 3.]])'),
    ],
    'addmv': [
        ('torch.addmv(torch.tensor([1., 2.]), torch.ones(2, 3), torch.tensor([1., 2., 3.]), alpha=2)',
         'tensor([13., 14.])'),
    ],
    'addr': [
        ('torch.addr(torch.zeros(2, 2), torch.tensor([1., 2.], requires_grad=True), torch.tensor([3., 4.]))',
         'tensor([[3., 4.],\n        [6., 8.]], grad_fn=<AddrBackward0>)'),
    ],
    'baddbmm': [
        ('torch.baddbmm(torch.ones(1), torch.ones(2, 1, 3), torch.ones(2, 3, 1), beta=-1)',
         'tensor([[[2.]],\n\n        [[2.]]])'),
    ],
    'det': [
        ('torch.det(torch.tensor([[2., 1.], [1., 3.]], requires_grad=True))',
         'tensor(5., grad_fn=<LinalgDetBackward0>)'),
    ],
    'dist': [
        ('torch.dist(torch.tensor([[0., 0.]]), torch.tensor([3., 4.]))',
         'tensor(5.)'),
        ("torch.dist(torch.tensor([1., 5.]), torch.tensor([2., 3.]), float('inf'))",
         'tensor(2.)'),
    ],
    'index_add': [
        ('torch.index_add(torch.zeros(2), 0, torch.tensor([1]), torch.ones(1))', 'tensor([0., 1.])'),
    ],
    'index_copy': [
        ('torch.index_copy(torch.zeros(2), 0, torch.tensor([1]), torch.ones(1))', 'tensor([0., 1.])'),
    ],
    'index_fill': [
        ('torch.index_fill(torch.zeros(2), 0, torch.tensor([1]), 3.)', 'tensor([0., 3.])'),
    ],
    'max_pool1d': [
        ('torch.max_pool1d(torch.tensor([[[1., 3., 2., 0.]]]), 2)',
         'tensor([[[3., 2.]]])'),
    ],
    'max_pool1d_with_indices': [
        ('torch.max_pool1d_with_indices(torch.tensor([[[1., 3., 2., 0.]]]), 2)',
         '(tensor([[[3., 2.]]]), tensor([[[1, 2]]]))'),
    ],
    'max_pool2d': [
        ('torch.max_pool2d(torch.arange(16.).view(1, 1, 4, 4), 2)',
         'tensor([[[[ 5.,  7.],\n          [13., 15.]]]])'),
    ],
    'max_pool3d': [
        ('torch.max_pool3d(torch.arange(8.).view(1, 1, 2, 2, 2), 2)',
         'tensor([[[[[7.]]]]])'),
    ],
    'pairwise_distance': [
        ('torch.pairwise_distance(torch.tensor([[3., 4.]]), torch.zeros(1, 2), eps=0.)',
         'tensor([5.])'),
    ],
    'pdist': [
        ('torch.pdist(torch.tensor([[0., 0.], [3., 4.], [0., 1.]]), 0.5)',
         'tensor([13.9282,  1.0000, 12.0000])'),
    ],
    'pixel_shuffle': [
        ('torch.pixel_shuffle(torch.arange(4.).view(4, 1, 1), 2)',
         'tensor([[[0., 1.],\n         [2., 3.]]])'),
    ],
    'pixel_unshuffle': [
        ('torch.pixel_unshuffle(torch.arange(4.).view(1, 2, 2), 2)',
         'tensor([[[0.]],\n\n        [[1.]],\n\n        [[2.]],\n\n        [[3.]]])'),
    ],
    'prelu': [
        ('torch.prelu(torch.tensor([-1., 2.], requires_grad=True), torch.tensor([0.25]))',
         'tensor([-0.2500,  2.0000], grad_fn=<PreluKernelBackward0>)'),
    ],
    'logdet': [
        ('torch.logdet(torch.tensor([[2., 1.], [1., 3.]], requires_grad=True))',
         'tensor(1.6094, grad_fn=<WhereBackward0>)'),
        ('torch.logdet(torch.tensor([[-2.]]))',
         'tensor(nan)'),
    ],
    'matrix_exp': [
        ('torch.matrix_exp(torch.tensor([[1., 0.], [0., 2.]]))',
         'tensor([[2.7183, 0.0000],\n        [0.0000, 7.3891]])'),
    ],
    'matrix_power': [
        ('torch.matrix_power(torch.tensor([[1., 1.], [0., 1.]], requires_grad=True), 4)',
         'tensor([[1., 4.],\n        [0., 1.]], grad_fn=<MmBackward0>)'),
    ],
    'pinverse': [
        ('torch.pinverse(torch.tensor([[1., 2.], [3., 4.], [0., 1.]], requires_grad=True))',
         'tensor([[-0.5000,  0.5000, -1.0000],\n        [ 0.4286, -0.1429,  0.7143]], grad_fn=<LinalgPinvBackward0>)'),
    ],
    'put': [
        ('torch.put(torch.zeros(2), torch.tensor([1]), torch.ones(1))', 'tensor([0., 1.])'),
    ],
    'abs': [
        ('torch.abs(torch.tensor([-1.5, 0., 2.]))', 'tensor([1.5000, 0.0000, 2.0000])'),
    ],
    'absolute': [
        ('torch.absolute(torch.tensor([-1.5, 0., 2.]))', 'tensor([1.5000, 0.0000, 2.0000])'),
    ],
    'acos': [
        ('torch.acos(torch.tensor([1., 0., -1.]))', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'add': [
        ('torch.add(torch.tensor([1, 2]), torch.tensor([10, 20]), alpha=3)', 'tensor([31, 62])'),
        ('out = torch.zeros(2)', ''),
        ('torch.add(torch.tensor([1., 2.]), 1, out=out)', 'tensor([2., 3.])'),
        ('out', 'tensor([2., 3.])'),
        ('torch.add(torch.tensor([1, 2], dtype=torch.uint8), torch.tensor(1.5))',
         'tensor([2.5000, 3.5000])'),
    ],
    'addmm': [
        ('torch.addmm(torch.ones(2, 2), torch.tensor([[1., 2.], [3., 4.]]), torch.eye(2))',
         'tensor([[2., 3.],\n        [4., 5.]])'),
    ],
    'all': [
        ('torch.all(torch.tensor([[True, False], [True, True]]), dim=0)', 'tensor([ True, False])'),
    ],
    'allclose': [
        ("torch.allclose(torch.tensor([1., float('nan')]), torch.tensor([1., float('nan')]), equal_nan=True)",
         'True'),
    ],
    'amax': [
        ('torch.amax(torch.tensor([[1., 5.], [3., 2.]]), dim=1)', 'tensor([5., 3.])'),
    ],
    'amin': [
        ('torch.amin(torch.tensor([[1., 5.], [3., 2.]]), dim=0)', 'tensor([1., 2.])'),
    ],
    'any': [
        ('torch.any(torch.tensor([[0, 1], [0, 0]]))', 'tensor(True)'),
    ],
    'arccos': [
        ('torch.arccos(torch.tensor([1., 0., -1.]))', 'tensor([0.0000, 1.5708, 3.1416])'),
    ],
    'arcsin': [
        ('torch.arcsin(torch.tensor([0., 1.]))', 'tensor([0.0000, 1.5708])'),
    ],
    'arctan': [
        ('torch.arctan(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.7854])'),
    ],
    'arctan2': [
        ('torch.arctan2(torch.tensor([1., -1.]), torch.tensor([1., 1.]))',
         'tensor([ 0.7854, -0.7854])'),
    ],
    'argmax': [
        ('torch.argmax(torch.tensor([[1, 5], [3, 2]]), dim=0)', 'tensor([1, 0])'),
    ],
    'argmin': [
        ('torch.argmin(torch.tensor([[1, 5], [3, 2]]), dim=1)', 'tensor([0, 1])'),
    ],
    'argsort': [
        ('torch.argsort(torch.tensor([[3, 1], [2, 4]]), dim=0)',
         'tensor([[1, 0],\n        [0, 1]])'),
    ],
    'argwhere': [
        ('torch.argwhere(torch.tensor([1, 0, 1]))', 'tensor([[0],\n        [2]])'),
    ],
    'asin': [
        ('torch.asin(torch.tensor([0., 1.]))', 'tensor([0.0000, 1.5708])'),
    ],
    'atan': [
        ('torch.atan(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.7854])'),
    ],
    'atan2': [
        ('torch.atan2(torch.tensor([1., -1.]), torch.tensor([1., 1.]))',
         'tensor([ 0.7854, -0.7854])'),
    ],
    'bitwise_and': [
        ('torch.bitwise_and(torch.tensor([12, 10]), torch.tensor([10, 6]))', 'tensor([8, 2])'),
    ],
    'bitwise_not': [
        ('torch.bitwise_not(torch.tensor([0, 5, -1], dtype=torch.uint8))',
         'tensor([255, 250,   0], dtype=torch.uint8)'),
    ],
    'bitwise_or': [
        ('torch.bitwise_or(torch.tensor([12, 10]), torch.tensor([10, 6]))', 'tensor([14, 14])'),
    ],
    'bitwise_xor': [
        ('torch.bitwise_xor(torch.tensor([12, 10]), torch.tensor([10, 6]))', 'tensor([ 6, 12])'),
    ],
    'bmm': [
        ('torch.bmm(torch.ones(2, 1, 2), torch.ones(2, 2, 3)).shape', 'torch.Size([2, 1, 3])'),
    ],
    'broadcast_shapes': [
        ('torch.broadcast_shapes((2, 1), (1, 3))', 'torch.Size([2, 3])'),
        ('torch.broadcast_shapes((3,), (2, 1))', 'torch.Size([2, 3])'),
        ('torch.broadcast_shapes(2, (3, 1))', 'torch.Size([3, 2])'),
    ],
    'broadcast_tensors': [
        ('torch.broadcast_tensors(torch.tensor([1, 2]), torch.tensor([[0], [1]]))',
         '(tensor([[1, 2],\n        [1, 2]]), tensor([[0, 0],\n        [1, 1]]))'),
    ],
    'broadcast_to': [
        ('torch.broadcast_to(torch.tensor([1, 2]), (2, 2))', 'tensor([[1, 2],\n        [1, 2]])'),
    ],
    'can_cast': [
        ('torch.can_cast(torch.float32, torch.int32)', 'False'),
        ('torch.can_cast(torch.int32, torch.float32)', 'True'),
    ],
    'cat': [
        ('torch.cat([torch.tensor([1, 2]), torch.tensor([3])])', 'tensor([1, 2, 3])'),
        ('torch.cat((torch.tensor([[1], [2]]), torch.tensor([[3], [4]])), dim=1)',
         'tensor([[1, 3],\n        [2, 4]])'),
        ('torch.cat([torch.tensor([1, 2]), torch.tensor([])])', 'tensor([1., 2.])'),
        ('torch.cat([torch.tensor([1.], requires_grad=True), torch.tensor([2.])])',
         'tensor([1., 2.], grad_fn=<CatBackward0>)'),
    ],
    'ceil': [
        ('torch.ceil(torch.tensor([-1.5, 1.2]))', 'tensor([-1.,  2.])'),
    ],
    'cholesky_inverse': [
        ('torch.cholesky_inverse(torch.tensor([[2., 0.], [1., 1.]], requires_grad=True))',
         'tensor([[ 0.5000, -0.5000],\n        [-0.5000,  1.0000]], grad_fn=<CholeskyInverseBackward0>)'),
        ('torch.cholesky_inverse(torch.tensor([[2., 1.], [0., 1.]]), upper=True)',
         'tensor([[ 0.5000, -0.5000],\n        [-0.5000,  1.0000]])'),
    ],
    'chunk': [
        ('torch.chunk(torch.arange(5), 3)', '(tensor([0, 1]), tensor([2, 3]), tensor([4]))'),
    ],
    'clamp': [
        ('torch.clamp(torch.tensor([-2., 0.5, 3.]), min=-1, max=1)',
         'tensor([-1.0000,  0.5000,  1.0000])'),
    ],
    'clamp_max': [
        ('torch.clamp_max(torch.tensor([-2, 0, 3]), 1)', 'tensor([-2,  0,  1])'),
    ],
    'clamp_min': [
        ('torch.clamp_min(torch.tensor([-2, 0, 3]), 1)', 'tensor([1, 1, 3])'),
    ],
    'clip': [
        ('torch.clip(torch.tensor([-2., 0.5, 3.]), 0, 1)', 'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'clone': [
        ('torch.clone(torch.tensor([1, 2]))', 'tensor([1, 2])'),
    ],
    'concat': [
        ('torch.concat([torch.tensor([1, 2]), torch.tensor([3])])', 'tensor([1, 2, 3])'),
    ],
    'concatenate': [
        ('torch.concatenate([torch.tensor([[1, 2]]), torch.tensor([[3, 4]])], dim=0)',
         'tensor([[1, 2],\n        [3, 4]])'),
    ],
    'cos': [
        ('torch.cos(torch.tensor([0., 3.1416]))', 'tensor([ 1., -1.])'),
    ],
    'cosh': [
        ('torch.cosh(torch.tensor([0., 1.]))', 'tensor([1.0000, 1.5431])'),
    ],
    'count_nonzero': [
        ('torch.count_nonzero(torch.tensor([[0, 1], [2, 3]]), dim=1)', 'tensor([1, 2])'),
    ],
    'cummax': [
        ('torch.cummax(torch.tensor([[1, 3], [2, 0]]), dim=1)',
         'torch.return_types.cummax(\nvalues=tensor([[1, 3],\n        [2, 2]]),\nindices=tensor([[0, 1],\n        [0, 0]]))'),
    ],
    'cummin': [
        ('torch.cummin(torch.tensor([3, 1, 2]), 0)',
         'torch.return_types.cummin(\nvalues=tensor([3, 1, 1]),\nindices=tensor([0, 1, 1]))'),
    ],
    'cumprod': [
        ('torch.cumprod(torch.tensor([[1, 2], [3, 4]]), dim=0)',
         'tensor([[1, 2],\n        [3, 8]])'),
    ],
    'cumsum': [
        ('torch.cumsum(torch.tensor([1., 2., 3.]), dim=0)', 'tensor([1., 3., 6.])'),
    ],
    'detach': [
        ('torch.detach(torch.tensor([1., 2.], requires_grad=True) * 3)', 'tensor([3., 6.])'),
    ],
    'diagonal': [
        ('torch.diagonal(torch.arange(6).view(2, 3), offset=-1)', 'tensor([3])'),
        ('torch.diagonal(torch.arange(8).view(2, 2, 2), dim1=1, dim2=2)',
         'tensor([[0, 3],\n        [4, 7]])'),
    ],
    'digamma': [
        ('torch.digamma(torch.tensor([1., 2.], requires_grad=True))',
         'tensor([-0.5772,  0.4228], grad_fn=<DigammaBackward0>)'),
        ('torch.digamma(torch.tensor([-1., -0.]))', 'tensor([nan, inf])'),
    ],
    'div': [
        ('torch.div(torch.tensor([7, -7]), 2)', 'tensor([ 3.5000, -3.5000])'),
        ("torch.div(torch.tensor([7, -7]), 2, rounding_mode='floor')", 'tensor([ 3, -4])'),
    ],
    'divide': [
        ('torch.divide(torch.tensor([1., 6.]), torch.tensor([2., 4.]))',
         'tensor([0.5000, 1.5000])'),
    ],
    'dot': [
        ('torch.dot(torch.tensor([1, 2]), torch.tensor([3, 4]))', 'tensor(11)'),
    ],
    'einsum': [
        ("torch.einsum('ij,j->i', torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([1., 1.]))",
         'tensor([3., 7.])'),
        ("torch.einsum('i,j->ij', torch.tensor([1, 2]), torch.tensor([3, 4]))",
         'tensor([[3, 4],\n        [6, 8]])'),
        ("torch.einsum('ii', torch.eye(2))", 'tensor(2.)'),
        ("torch.einsum('...ij->...ji', torch.ones(2, 1, 3)).shape", 'torch.Size([2, 3, 1])'),
        ("torch.einsum('ij,ij->', torch.tensor([[1., 2.]]), torch.tensor([[3., 4.]]))",
         'tensor(11.)'),
    ],
    'eq': [
        ('torch.eq(torch.tensor([1., 2.]), torch.tensor([1., 3.]))', 'tensor([ True, False])'),
    ],
    'equal': [
        ('torch.equal(torch.tensor([1, 2]), torch.tensor([1., 2.]))', 'True'),
    ],
    'erf': [
        ('torch.erf(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.8427])'),
    ],
    'exp': [
        ('torch.exp(torch.tensor([0, 1]))', 'tensor([1.0000, 2.7183])'),
    ],
    'exp2': [
        ('torch.exp2(torch.tensor([0., 3.]))', 'tensor([1., 8.])'),
    ],
    'expm1': [
        ('torch.expm1(torch.tensor([0., 1e-8]))', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'fill': [
        ('torch.fill(torch.zeros(2), 3)', 'tensor([3., 3.])'),
        ('torch.fill(torch.zeros(2, dtype=torch.int32), torch.tensor(3.7))',
         'tensor([3, 3], dtype=torch.int32)'),
    ],
    'fix': [
        ('torch.fix(torch.tensor([-1.7, 1.7]))', 'tensor([-1.,  1.])'),
    ],
    'flatten': [
        ('torch.flatten(torch.zeros(2, 3, 4), start_dim=0, end_dim=1).shape', 'torch.Size([6, 4])'),
    ],
    'flip': [
        ('torch.flip(torch.arange(3), [0])', 'tensor([2, 1, 0])'),
    ],
    'floor': [
        ('torch.floor(torch.tensor([-1.5, 1.2]))', 'tensor([-2.,  1.])'),
    ],
    'floor_divide': [
        ('torch.floor_divide(torch.tensor([7., -7.]), 2)', 'tensor([ 3., -4.])'),
    ],
    'fmod': [
        ('torch.fmod(torch.tensor([-3., 3.]), torch.tensor([2., 2.]))', 'tensor([-1.,  1.])'),
    ],
    'frac': [
        ('torch.frac(torch.tensor([-1.25, 2.5]))', 'tensor([-0.2500,  0.5000])'),
    ],
    'gather': [
        ('torch.gather(torch.tensor([[1, 2], [3, 4]]), 0, torch.tensor([[1, 0]]))',
         'tensor([[3, 2]])'),
    ],
    'ge': [
        ('torch.ge(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([False,  True,  True])'),
    ],
    'ger': [
        ('torch.ger(torch.tensor([1., 2.]), torch.tensor([3., 4.]))',
         'tensor([[3., 4.],\n        [6., 8.]])'),
    ],
    'greater': [
        ('torch.greater(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([False, False,  True])'),
    ],
    'greater_equal': [
        ('torch.greater_equal(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([False,  True,  True])'),
    ],
    'gt': [
        ('torch.gt(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([False, False,  True])'),
    ],
    'hstack': [
        ('torch.hstack([torch.tensor([1, 2]), torch.tensor([3])])', 'tensor([1, 2, 3])'),
        ('torch.hstack((torch.tensor([[1], [2]]), torch.tensor([[3], [4]])))',
         'tensor([[1, 3],\n        [2, 4]])'),
    ],
    'index_put': [
        ('torch.index_put(torch.zeros(2, 2), (torch.tensor([0, 1]), torch.tensor([1, 0])), torch.tensor([1., 2.]))',
         'tensor([[0., 1.],\n        [2., 0.]])'),
    ],
    'index_select': [
        ('torch.index_select(torch.tensor([[1, 2], [3, 4]]), 1, torch.tensor([1, 0]))',
         'tensor([[2, 1],\n        [4, 3]])'),
    ],
    'is_complex': [
        ('torch.is_complex(torch.tensor([1., 2.]))', 'False'),
        ('torch.is_complex(torch.tensor([1j]))', 'True'),
    ],
    'is_floating_point': [
        ('torch.is_floating_point(torch.tensor([1., 2.]))', 'True'),
        ('torch.is_floating_point(torch.tensor([1, 2]))', 'False'),
    ],
    'is_tensor': [
        ('torch.is_tensor(torch.tensor([1]))', 'True'),
        ('torch.is_tensor([1])', 'False'),
    ],
    'isclose': [
        ('torch.isclose(torch.tensor([1., 2.]), torch.tensor([1., 2.0001]), rtol=0, atol=1e-3)',
         'tensor([True, True])'),
    ],
    'isfinite': [
        ('torch.isfinite(torch.tensor([1, 2]))', 'tensor([True, True])'),
    ],
    'isinf': [
        ("torch.isinf(torch.tensor([1., float('inf')]))", 'tensor([False,  True])'),
    ],
    'isnan': [
        ("torch.isnan(torch.tensor([1., float('nan')]))", 'tensor([False,  True])'),
    ],
    'kthvalue': [
        ('torch.kthvalue(torch.tensor([[3., 1.], [2., 4.]]), 2, dim=1)',
         'torch.return_types.kthvalue(\nvalues=tensor([3., 4.]),\nindices=tensor([0, 1]))'),
    ],
    'le': [
        ('torch.le(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([ True,  True, False])'),
    ],
    'lerp': [
        ('torch.lerp(torch.tensor([0., 10.]), torch.tensor([10., 20.]), 0.5)',
         'tensor([ 5., 15.])'),
    ],
    'less': [
        ('torch.less(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([ True, False, False])'),
    ],
    'less_equal': [
        ('torch.less_equal(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([ True,  True, False])'),
    ],
    'lgamma': [
        ('torch.lgamma(torch.tensor([0.5, 3.], requires_grad=True))',
         'tensor([0.5724, 0.6931], grad_fn=<LgammaBackward0>)'),
        ('torch.lgamma(torch.tensor([1, 4]))', 'tensor([0.0000, 1.7918])'),
    ],
    'log': [
        ('torch.log(torch.tensor([1., 2.7183]))', 'tensor([0.0000, 1.0000])'),
        ('torch.log(torch.tensor([0., -1.]))', 'tensor([-inf, nan])'),
    ],
    'log10': [
        ('torch.log10(torch.tensor([1., 100.]))', 'tensor([0., 2.])'),
    ],
    'log1p': [
        ('torch.log1p(torch.tensor([0., 1e-8]))', 'tensor([0.0000e+00, 1.0000e-08])'),
    ],
    'log2': [
        ('torch.log2(torch.tensor([1., 8.]))', 'tensor([0., 3.])'),
    ],
    'log_softmax': [
        ('torch.log_softmax(torch.tensor([0., 0.]), dim=0)', 'tensor([-0.6931, -0.6931])'),
    ],
    'logical_and': [
        ('torch.logical_and(torch.tensor([True, False, True]), torch.tensor([True, True, False]))',
         'tensor([ True, False, False])'),
    ],
    'logical_not': [
        ('torch.logical_not(torch.tensor([True, False]))', 'tensor([False,  True])'),
    ],
    'logical_or': [
        ('torch.logical_or(torch.tensor([True, False, False]), torch.tensor([True, True, False]))',
         'tensor([ True,  True, False])'),
    ],
    'logical_xor': [
        ('torch.logical_xor(torch.tensor([True, False, False]), torch.tensor([True, True, False]))',
         'tensor([False,  True, False])'),
    ],
    'logsumexp': [
        ('torch.logsumexp(torch.tensor([0., 0.]), dim=0)', 'tensor(0.6931)'),
    ],
    'lt': [
        ('torch.lt(torch.tensor([1., 2., 3.]), torch.tensor([2., 2., 2.]))',
         'tensor([ True, False, False])'),
    ],
    'masked_fill': [
        ('torch.masked_fill(torch.tensor([1., 2.]), torch.tensor([True, False]), -1.)',
         'tensor([-1.,  2.])'),
    ],
    'masked_select': [
        ('torch.masked_select(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[True, False], [False, True]]))',
         'tensor([1, 4])'),
    ],
    'matmul': [
        ('torch.matmul(torch.tensor([1., 2.]), torch.tensor([3., 4.]))', 'tensor(11.)'),
        ('torch.matmul(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([[1.], [0.]]))',
         'tensor([[1.],\n        [3.]])'),
    ],
    'max': [
        ('torch.max(torch.tensor([[1, 5], [3, 2]]))', 'tensor(5)'),
        ('torch.max(torch.tensor([[1, 5], [3, 2]]), dim=0)',
         'torch.return_types.max(\nvalues=tensor([3, 5]),\nindices=tensor([1, 0]))'),
        ('torch.max(torch.tensor([1, 5]), torch.tensor([3, 2]))', 'tensor([3, 5])'),
        ('torch.max(torch.tensor([[1., 5.], [3., 5.]]), dim=1, keepdim=True)',
         'torch.return_types.max(\nvalues=tensor([[5.],\n        [5.]]),\nindices=tensor([[1],\n        [1]]))'),
    ],
    'maximum': [
        ('torch.maximum(torch.tensor([1., 5.]), torch.tensor([3., 2.]))', 'tensor([3., 5.])'),
    ],
    'mean': [
        ('torch.mean(torch.tensor([[1., 2.], [3., 4.]]), dim=1)', 'tensor([1.5000, 3.5000])'),
        ('torch.mean(torch.tensor([1, 2]), dtype=torch.float32)', 'tensor(1.5000)'),
    ],
    'median': [
        ('torch.median(torch.tensor([1., 3., 2., 4.]))', 'tensor(2.)'),
    ],
    'min': [
        ('torch.min(torch.tensor([[1, 5], [3, 2]]), 1)',
         'torch.return_types.min(\nvalues=tensor([1, 2]),\nindices=tensor([0, 1]))'),
        ('torch.min(torch.tensor([1, 5]), torch.tensor([3, 2]))', 'tensor([1, 2])'),
    ],
    'minimum': [
        ('torch.minimum(torch.tensor([1., 5.]), torch.tensor([3., 2.]))', 'tensor([1., 2.])'),
    ],
    'mm': [
        ('torch.mm(torch.tensor([[1, 2]]), torch.tensor([[3], [4]]))', 'tensor([[11]])'),
    ],
    'moveaxis': [
        ('torch.moveaxis(torch.zeros(2, 3, 4), 2, 0).shape', 'torch.Size([4, 2, 3])'),
    ],
    'movedim': [
        ('torch.movedim(torch.zeros(2, 3, 4), -1, 1).shape', 'torch.Size([2, 4, 3])'),
    ],
    'mul': [
        ('torch.mul(torch.tensor([1., 2.]), torch.tensor([10., 20.]))', 'tensor([10., 40.])'),
        ('torch.mul(torch.tensor([1., 2.], requires_grad=True), torch.tensor([3., 4.]))',
         'tensor([3., 8.], grad_fn=<MulBackward0>)'),
    ],
    'multiply': [
        ('torch.multiply(torch.tensor([1., 2.]), torch.tensor([10., 20.]))', 'tensor([10., 40.])'),
    ],
    'mv': [
        ('torch.mv(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([1., 1.]))',
         'tensor([3., 7.])'),
    ],
    'narrow': [
        ('torch.narrow(torch.arange(6).view(2, 3), 1, 1, 2)', 'tensor([[1, 2],\n        [4, 5]])'),
    ],
    'ne': [
        ('torch.ne(torch.tensor([1., 2.]), torch.tensor([1., 3.]))', 'tensor([False,  True])'),
    ],
    'neg': [
        ('torch.neg(torch.tensor([1., -2.]))', 'tensor([-1.,  2.])'),
    ],
    'negative': [
        ('torch.negative(torch.tensor([1., -2.]))', 'tensor([-1.,  2.])'),
    ],
    'nonzero': [
        ('torch.nonzero(torch.tensor([[0, 1], [1, 0]]))', 'tensor([[0, 1],\n        [1, 0]])'),
    ],
    'norm': [
        ('torch.norm(torch.tensor([3., 4.]))', 'tensor(5.)'),
        ('torch.norm(torch.tensor([[1., -2.], [3., 4.]]), p=1, dim=0)', 'tensor([4., 6.])'),
    ],
    'not_equal': [
        ('torch.not_equal(torch.tensor([1., 2.]), torch.tensor([1., 3.]))',
         'tensor([False,  True])'),
    ],
    'numel': [
        ('torch.numel(torch.zeros(2, 3))', '6'),
    ],
    'outer': [
        ('torch.outer(torch.tensor([1., 2.]), torch.tensor([1., 2., 3.]))',
         'tensor([[1., 2., 3.],\n        [2., 4., 6.]])'),
    ],
    'permute': [
        ('torch.permute(torch.zeros(2, 3, 4), (1, 2, 0)).shape', 'torch.Size([3, 4, 2])'),
    ],
    'pow': [
        ('torch.pow(torch.tensor([1, 2, 3]), 2)', 'tensor([1, 4, 9])'),
        ('torch.pow(2, torch.tensor([1, 2, 3]))', 'tensor([2, 4, 8])'),
    ],
    'prod': [
        ('torch.prod(torch.tensor([[1., 2.], [3., 4.]]), dim=0)', 'tensor([3., 8.])'),
    ],
    'promote_types': [
        ('torch.promote_types(torch.int32, torch.float16)', 'torch.float16'),
        ('torch.promote_types(torch.uint8, torch.int8)', 'torch.int16'),
    ],
    'ravel': [
        ('torch.ravel(torch.arange(4).view(2, 2))', 'tensor([0, 1, 2, 3])'),
    ],
    'reciprocal': [
        ('torch.reciprocal(torch.tensor([2., 0.]))', 'tensor([0.5000,    inf])'),
    ],
    'relu': [
        ('torch.relu(torch.tensor([-1., 2.]))', 'tensor([0., 2.])'),
    ],
    'relu_': [
        ('torch.relu_(torch.tensor([-1., 2.]))',
         'tensor([0., 2.])'),
    ],
    'remainder': [
        ('torch.remainder(torch.tensor([-3, 3]), 2)', 'tensor([1, 1])'),
    ],
    'reshape': [
        ('torch.reshape(torch.arange(6), (3, -1))',
         'tensor([[0, 1],\n        [2, 3],\n        [4, 5]])'),
    ],
    'result_type': [
        ('torch.result_type(torch.tensor([1, 2]), 1.0)', 'torch.float32'),
        ('torch.result_type(torch.tensor([1, 2], dtype=torch.uint8), torch.tensor(1))',
         'torch.uint8'),
        ('torch.result_type(torch.tensor([1], dtype=torch.uint8), 1000)', 'torch.uint8'),
        ('torch.result_type(1, 2.5)', 'torch.float32'),
    ],
    'roll': [
        ('torch.roll(torch.arange(6).view(2, 3), shifts=(1, 1), dims=(0, 1))',
         'tensor([[5, 3, 4],\n        [2, 0, 1]])'),
    ],
    'round': [
        ('torch.round(torch.tensor([1.234, 5.678]), decimals=2)', 'tensor([1.2300, 5.6800])'),
    ],
    'rrelu': [
        ('torch.rrelu(torch.tensor([-1., 2.]), 0.1, 0.3)',
         'tensor([-0.2000,  2.0000])'),
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.rrelu(torch.tensor([-1., -2.]), training=True)',
         'tensor([-0.3271, -0.5449])'),
    ],
    'rrelu_': [
        ('torch.rrelu_(torch.tensor([-1., 2.]), 0.1, 0.3)',
         'tensor([-0.2000,  2.0000])'),
    ],
    'rsqrt': [
        ('torch.rsqrt(torch.tensor([4., 0.]))', 'tensor([0.5000,    inf])'),
    ],
    'rsub': [
        ('torch.rsub(torch.tensor([1., 2.]), 10)', 'tensor([9., 8.])'),
        ('torch.rsub(torch.tensor([1, 2]), torch.tensor([5, 5]), alpha=2)', 'tensor([3, 1])'),
    ],
    'scatter': [
        ('torch.scatter(torch.zeros(2, 2), 0, torch.tensor([[1, 0]]), torch.tensor([[5., 6.]]))',
         'tensor([[0., 6.],\n        [5., 0.]])'),
    ],
    'scatter_add': [
        ('torch.scatter_add(torch.zeros(2), 0, torch.tensor([1, 1, 0]), torch.tensor([1., 2., 3.]))',
         'tensor([3., 3.])'),
    ],
    'select': [
        ('torch.select(torch.arange(6).view(2, 3), 1, -1)', 'tensor([2, 5])'),
    ],
    'selu': [
        ('torch.selu(torch.tensor([-1., 1.], requires_grad=True))',
         'tensor([-1.1113,  1.0507], grad_fn=<EluBackward0>)'),
    ],
    'selu_': [
        ('torch.selu_(torch.tensor([-1., 1.]))',
         'tensor([-1.1113,  1.0507])'),
    ],
    'sigmoid': [
        ('torch.sigmoid(torch.tensor([0., 2.], requires_grad=True))',
         'tensor([0.5000, 0.8808], grad_fn=<SigmoidBackward0>)'),
    ],
    'sign': [
        ('torch.sign(torch.tensor([-2., 0., 3.]))', 'tensor([-1.,  0.,  1.])'),
    ],
    'sin': [
        ('torch.sin(torch.tensor([0., 1.5708]))', 'tensor([0., 1.])'),
    ],
    'sinh': [
        ('torch.sinh(torch.tensor([0., 1.]))', 'tensor([0.0000, 1.1752])'),
    ],
    'slogdet': [
        ('torch.slogdet(torch.tensor([[1., 2.], [3., 4.]]))',
         'torch.return_types.slogdet(\nsign=tensor(-1.),\nlogabsdet=tensor(0.6931))'),
    ],
    'softmax': [
        ('torch.softmax(torch.tensor([[1., 2.], [0., 0.]]), dim=1)',
         'tensor([[0.2689, 0.7311],\n        [0.5000, 0.5000]])'),
    ],
    'sort': [
        ('torch.sort(torch.tensor([3., 1., 2.]), descending=True)',
         'torch.return_types.sort(\nvalues=tensor([3., 2., 1.]),\nindices=tensor([0, 2, 1]))'),
    ],
    'split': [
        ('torch.split(torch.arange(6).view(3, 2), 2)',
         '(tensor([[0, 1],\n        [2, 3]]), tensor([[4, 5]]))'),
        ('torch.split(torch.arange(5), [3, 2])', '(tensor([0, 1, 2]), tensor([3, 4]))'),
    ],
    'sqrt': [
        ('torch.sqrt(torch.tensor([4., -1.]))', 'tensor([2., nan])'),
    ],
    'square': [
        ('torch.square(torch.tensor([-2., 3.]))', 'tensor([4., 9.])'),
    ],
    'squeeze': [
        ('torch.squeeze(torch.zeros(1, 2, 1), dim=-1).shape', 'torch.Size([1, 2])'),
    ],
    'stack': [
        ('torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])])',
         'tensor([[1, 2],\n        [3, 4]])'),
        ('torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], dim=1)',
         'tensor([[1, 3],\n        [2, 4]])'),
        ('torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], dim=-1)',
         'tensor([[1, 3],\n        [2, 4]])'),
    ],
    'std': [
        ('torch.std(torch.tensor([[1., 2.], [3., 5.]]), dim=0)', 'tensor([1.4142, 2.1213])'),
        ('torch.std(torch.tensor([1., 2., 3., 4.]), correction=0)', 'tensor(1.1180)'),
    ],
    'sub': [
        ('torch.sub(torch.tensor([5, 6]), 1, alpha=2)', 'tensor([3, 4])'),
    ],
    'subtract': [
        ('torch.subtract(torch.tensor([1., 2.]), torch.tensor([10., 20.]))',
         'tensor([ -9., -18.])'),
    ],
    'sum': [
        ('torch.sum(torch.tensor([[1., 2.], [3., 4.]]), dim=(0, 1))', 'tensor(10.)'),
        ('torch.sum(torch.tensor([True, True, False]))', 'tensor(2)'),
    ],
    'svd': [
        ('torch.svd(torch.tensor([[3., 0.], [4., 5.]], requires_grad=True))',
         'torch.return_types.svd(\nU=tensor([[-0.3162, -0.9487],\n        [-0.9487,  0.3162]], grad_fn=<LinalgSvdBackward0>),\nS=tensor([6.7082, 2.2361], grad_fn=<LinalgSvdBackward0>),\nV=tensor([[-0.7071, -0.7071],\n        [-0.7071,  0.7071]], grad_fn=<TransposeBackward0>))'),
        ('torch.svd(torch.tensor([[3., 0.], [4., 5.]]), compute_uv=False)',
         'torch.return_types.svd(\nU=tensor([[0., 0.],\n        [0., 0.]]),\nS=tensor([6.7082, 2.2361]),\nV=tensor([[0., 0.],\n        [0., 0.]]))'),
    ],
    'swapaxes': [
        ('torch.swapaxes(torch.zeros(2, 3), 0, 1).shape', 'torch.Size([3, 2])'),
    ],
    'swapdims': [
        ('torch.swapdims(torch.zeros(2, 3), 0, 1).shape', 'torch.Size([3, 2])'),
    ],
    't': [
        ('torch.t(torch.tensor([[1, 2, 3]]))', 'tensor([[1],\n        [2],\n        [3]])'),
    ],
    'take': [
        ('torch.take(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[3, 0]]))', 'tensor([[4, 1]])'),
    ],
    'tan': [
        ('torch.tan(torch.tensor([0., 0.7854]))', 'tensor([0.0000, 1.0000])'),
    ],
    'tanh': [
        ('torch.tanh(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.7616])'),
    ],
    'threshold': [
        ('torch.threshold(torch.tensor([-1., 2.], requires_grad=True), 0., 5.)',
         'tensor([5., 2.], grad_fn=<ThresholdBackward0>)'),
    ],
    'threshold_': [
        ('torch.threshold_(torch.tensor([-1., 2.]), 0., 5.)',
         'tensor([5., 2.])'),
    ],
    'topk': [
        ('torch.topk(torch.tensor([[1., 4.], [3., 2.]]), 1, dim=0)',
         'torch.return_types.topk(\nvalues=tensor([[3., 4.]]),\nindices=tensor([[1, 0]]))'),
    ],
    'transpose': [
        ('torch.transpose(torch.zeros(2, 3, 4), 0, -1).shape', 'torch.Size([4, 3, 2])'),
    ],
    'tril': [
        ('torch.tril(torch.ones(2, 3), diagonal=1)',
         'tensor([[1., 1., 0.],\n        [1., 1., 1.]])'),
    ],
    'triu': [
        ('torch.triu(torch.ones(3, 2), diagonal=-1)',
         'tensor([[1., 1.],\n        [1., 1.],\n        [0., 1.]])'),
    ],
    'true_divide': [
        ('torch.true_divide(torch.tensor([1., 6.]), torch.tensor([2., 4.]))',
         'tensor([0.5000, 1.5000])'),
    ],
    'trunc': [
        ('torch.trunc(torch.tensor([-1.7, 1.7]))', 'tensor([-1.,  1.])'),
    ],
    'unbind': [
        ('torch.unbind(torch.arange(4).view(2, 2), dim=1)', '(tensor([0, 2]), tensor([1, 3]))'),
    ],
    'unflatten': [
        ('torch.unflatten(torch.arange(6), 0, (3, 2))',
         'tensor([[0, 1],\n        [2, 3],\n        [4, 5]])'),
    ],
    'unsqueeze': [
        ('torch.unsqueeze(torch.zeros(2, 3), 1).shape', 'torch.Size([2, 1, 3])'),
    ],
    'var': [
        ('torch.var(torch.tensor([[1., 2.], [3., 5.]]), dim=1, keepdim=True)',
         'tensor([[0.5000],\n        [2.0000]])'),
    ],
    'vstack': [
        ('torch.vstack([torch.tensor([1, 2]), torch.tensor([3, 4])])',
         'tensor([[1, 2],\n        [3, 4]])'),
    ],
    'where': [
        ('torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), torch.tensor([3, 4]))',
         'tensor([1, 4])'),
        ('torch.where(torch.tensor([1., -1.]) > 0, torch.tensor([1., -1.]), 0.)',
         'tensor([1., 0.])'),
        ('torch.where(torch.tensor([0, 1, 1]))', '(tensor([1, 2]),)'),
        ('torch.where(torch.tensor([True, False]), 1., 0.)', 'tensor([1., 0.])'),
        ('torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0.5)',
         'tensor([1.0000, 0.5000])'),
    ],
    'addcmul': [
        ('torch.addcmul(torch.zeros(2), torch.tensor([1., 2.]), torch.tensor([3., 4.]), value=0.5)',
         'tensor([1.5000, 4.0000])'),
        ('torch.addcmul(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([2, 2]))',
         'tensor([ 7, 10])'),
    ],
    'addcdiv': [
        ('torch.addcdiv(torch.zeros(2, requires_grad=True), torch.tensor([1., 2.]), torch.tensor([4., 8.]))',
         'tensor([0.2500, 0.2500], grad_fn=<AddcdivBackward0>)'),
    ],
    'hypot': [
        ('torch.hypot(torch.tensor([3., 0.], requires_grad=True), torch.tensor([4., 2.]))',
         'tensor([5., 2.], grad_fn=<HypotBackward0>)'),
    ],
    'repeat_interleave': [
        ('torch.repeat_interleave(torch.tensor([[1, 2], [3, 4]]), 2)',
         'tensor([1, 1, 2, 2, 3, 3, 4, 4])'),
        ('torch.repeat_interleave(torch.tensor([2, 0, 1]))',
         'tensor([0, 0, 2])'),
    ],
    'meshgrid': [
        ("torch.meshgrid(torch.tensor([1, 2, 3]), torch.tensor([4, 5]), indexing='ij')",
         '(tensor([[1, 1],\n        [2, 2],\n        [3, 3]]), tensor([[4, 5],\n        [4, 5],\n        [4, 5]]))'),
        ("torch.meshgrid(torch.tensor([1., 2., 3.], requires_grad=True), torch.tensor([4., 5.]), indexing='xy')",
         '(tensor([[1., 2., 3.],\n        [1., 2., 3.]], grad_fn=<ExpandBackward0>), tensor([[4., 4., 4.],\n        [5., 5., 5.]]))'),
    ],
    'nanmedian': [
        ("torch.nanmedian(torch.tensor([[2., float('nan')], [1., 3.]]), dim=0, keepdim=True)",
         'torch.return_types.nanmedian(\nvalues=tensor([[1., 3.]]),\nindices=tensor([[1, 1]]))'),
    ],
    'inverse': [
        ('torch.inverse(torch.tensor([[1., 2.], [3., 4.]]))',
         'tensor([[-2.0000,  1.0000],\n        [ 1.5000, -0.5000]])'),
    ],
    'bitwise_left_shift': [
        ('torch.bitwise_left_shift(torch.tensor([1, 2]), 3)',
         'tensor([ 8, 16])'),
        ('torch.bitwise_left_shift(2, torch.tensor([0, 1, 2]))',
         'tensor([2, 4, 8])'),
    ],
    'bitwise_right_shift': [
        ('torch.bitwise_right_shift(torch.tensor([64, -64]), torch.tensor([3, 3]))',
         'tensor([ 8, -8])'),
    ],
    'std_mean': [
        ('torch.std_mean(torch.tensor([[1., 5.], [3., 2.]]), dim=0)',
         '(tensor([1.4142, 2.1213]), tensor([2.0000, 3.5000]))'),
        ('torch.std_mean(torch.tensor([1., 2., 4.], requires_grad=True), correction=0)',
         '(tensor(1.2472, grad_fn=<StdMeanBackward0>), tensor(2.3333, grad_fn=<StdMeanBackward0>))'),
    ],
    'var_mean': [
        ('torch.var_mean(torch.tensor([[1., 5.], [3., 2.]]), axis=1, keepdim=True)',
         '(tensor([[8.0000],\n        [0.5000]]), tensor([[3.0000],\n        [2.5000]]))'),
    ],
    'acosh': [
        ('torch.acosh(torch.tensor([1., 2.]))', 'tensor([0.0000, 1.3170])'),
    ],
    'arccosh': [
        ('torch.arccosh(torch.tensor([1., 2.]))', 'tensor([0.0000, 1.3170])'),
    ],
    'arcsinh': [
        ('torch.arcsinh(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.8814])'),
    ],
    'arctanh': [
        ('torch.arctanh(torch.tensor([0., 0.5]))', 'tensor([0.0000, 0.5493])'),
    ],
    'asinh': [
        ('torch.asinh(torch.tensor([0., 1.], requires_grad=True))',
         'tensor([0.0000, 0.8814], grad_fn=<AsinhBackward0>)'),
    ],
    'atanh': [
        ('torch.atanh(torch.tensor([0., 0.5]))', 'tensor([0.0000, 0.5493])'),
    ],
    'copysign': [
        ('torch.copysign(torch.tensor([1., -2.]), torch.tensor([-1., 1.]))', 'tensor([-1.,  2.])'),
    ],
    'deg2rad': [
        ('torch.deg2rad(torch.tensor([180., 90.]))', 'tensor([3.1416, 1.5708])'),
    ],
    'erfc': [
        ('torch.erfc(torch.tensor([0., 1.]))', 'tensor([1.0000, 0.1573])'),
    ],
    'erfinv': [
        ('torch.erfinv(torch.tensor([0., 0.5]))', 'tensor([0.0000, 0.4769])'),
    ],
    'float_power': [
        ('torch.float_power(torch.tensor([2, 3]), 2)', 'tensor([4., 9.], dtype=torch.float64)'),
    ],
    'fmax': [
        ("torch.fmax(torch.tensor([1., float('nan')]), torch.tensor([float('nan'), 2.]))",
         'tensor([1., 2.])'),
    ],
    'fmin': [
        ("torch.fmin(torch.tensor([1., float('nan')]), torch.tensor([float('nan'), 2.]))",
         'tensor([1., 2.])'),
    ],
    'heaviside': [
        ('torch.heaviside(torch.tensor([-1., 0., 2.]), torch.tensor([0.5]))',
         'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'isneginf': [
        ("torch.isneginf(torch.tensor([float('inf'), -float('inf'), 1.]))",
         'tensor([False,  True, False])'),
    ],
    'isposinf': [
        ("torch.isposinf(torch.tensor([float('inf'), -float('inf'), 1.]))",
         'tensor([ True, False, False])'),
    ],
    'isreal': [
        ('torch.isreal(torch.tensor([1 + 1j, 2 + 0j]))', 'tensor([False,  True])'),
    ],
    'logaddexp': [
        ('torch.logaddexp(torch.tensor([0., 1.]), torch.tensor([0., 2.]))',
         'tensor([0.6931, 2.3133])'),
    ],
    'logaddexp2': [
        ('torch.logaddexp2(torch.tensor([0., 1.]), torch.tensor([0., 2.]))',
         'tensor([1.0000, 2.5850])'),
    ],
    'logit': [
        ('torch.logit(torch.tensor([0.25, 0.5]))', 'tensor([-1.0986,  0.0000])'),
    ],
    'nan_to_num': [
        ("torch.nan_to_num(torch.tensor([float('nan'), float('inf'), 1.]))",
         'tensor([0.0000e+00, 3.4028e+38, 1.0000e+00])'),
        ("torch.nan_to_num(torch.tensor([float('nan'), -float('inf')]), nan=1., neginf=-5.)",
         'tensor([ 1., -5.])'),
    ],
    'positive': [
        ('torch.positive(torch.tensor([1., -2.]))', 'tensor([ 1., -2.])'),
    ],
    'rad2deg': [
        ('torch.rad2deg(torch.tensor([3.1416, 1.]))', 'tensor([180.0004,  57.2958])'),
    ],
    'sgn': [
        ('torch.sgn(torch.tensor([-2., 0., 3.]))', 'tensor([-1.,  0.,  1.])'),
    ],
    'signbit': [
        ('torch.signbit(torch.tensor([-0., 1., -2.]))', 'tensor([ True, False,  True])'),
    ],
    'sinc': [
        ('torch.sinc(torch.tensor([0., 0.5]))', 'tensor([1.0000, 0.6366])'),
    ],
    'xlogy': [
        ('torch.xlogy(torch.tensor([0., 2.]), torch.tensor([0., 3.]))',
         'tensor([0.0000, 2.1972])'),
        ('torch.xlogy(2, torch.tensor([1., 4.], requires_grad=True))',
         'tensor([0.0000, 2.7726], grad_fn=<XlogyBackward1>)'),
    ],
    'cross': [
        ('torch.cross(torch.tensor([1., 2., 3.]), torch.tensor([0., 1., 0.], requires_grad=True), dim=0)',
         'tensor([-3.,  0.,  1.], grad_fn=<LinalgCrossBackward0>)'),
    ],
    'diag': [
        ('torch.diag(torch.tensor([1., 2., 3.]), -1)',
         'tensor([[0., 0., 0., 0.],\n        [1., 0., 0., 0.],\n        [0., 2., 0., 0.],\n        [0., 0., 3., 0.]])'),
    ],
    'diag_embed': [
        ('torch.diag_embed(torch.tensor([1., 2., 3.]), offset=1)',
         'tensor([[0., 1., 0., 0.],\n        [0., 0., 2., 0.],\n        [0., 0., 0., 3.],\n        [0., 0., 0., 0.]])'),
    ],
    'diagflat': [
        ('torch.diagflat(torch.tensor([1., 2., 3.]))',
         'tensor([[1., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 3.]])'),
    ],
    'diff': [
        ('torch.diff(torch.tensor([1., 2., 3.]), prepend=torch.tensor([0.]))',
         'tensor([1., 1., 1.])'),
    ],
    'inner': [
        ('torch.inner(torch.tensor([1., 2., 3.]), torch.tensor([1., 2., 3.]))', 'tensor(14.)'),
    ],
    'kron': [
        ('torch.kron(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([[1., 2.], [3., 4.]]))',
         'tensor([[ 1.,  2.,  2.,  4.],\n        [ 3.,  4.,  6.,  8.],\n        [ 3.,  6.,  4.,  8.],\n        [ 9., 12., 12., 16.]])'),
    ],
    'logcumsumexp': [
        ('torch.logcumsumexp(torch.tensor([[1., 2.], [3., 4.]]), 1)',
         'tensor([[1.0000, 2.3133],\n        [3.0000, 4.3133]])'),
    ],
    'nanmean': [
        ("torch.nanmean(torch.tensor([[1., float('nan')], [3., 4.]], requires_grad=True), dim=1)",
         'tensor([1.0000, 3.5000], grad_fn=<DivBackward0>)'),
    ],
    'nansum': [
        ("torch.nansum(torch.tensor([[1., float('nan')], [3., 4.]], requires_grad=True), dim=0)",
         'tensor([4., 4.], grad_fn=<NansumBackward0>)'),
    ],
    'rot90': [
        ('torch.rot90(torch.tensor([[1., 2.], [3., 4.]]), -1)',
         'tensor([[3., 1.],\n        [4., 2.]])'),
    ],
    'tensor_split': [
        ('torch.tensor_split(torch.arange(6).view(2, 3), 3, dim=1)',
         '(tensor([[0],\n        [3]]), tensor([[1],\n        [4]]), tensor([[2],\n        [5]]))'),
    ],
    'tile': [
        ('torch.tile(torch.tensor([[1., 2.], [3., 4.]]), (2,))',
         'tensor([[1., 2., 1., 2.],\n        [3., 4., 3., 4.]])'),
    ],
    'trace': [
        ('torch.trace(torch.arange(9).view(3, 3))', 'tensor(12)'),
    ],
    'vdot': [
        ('torch.vdot(torch.tensor([1 + 1j, 2j]), torch.tensor([1j, 1 + 0j]))', 'tensor(1.-1.j)'),
    ],
    'bincount': [
        ('torch.bincount(torch.tensor([0, 1, 1]), weights=torch.tensor([0.5, 1., 2.]))',
         'tensor([0.5000, 3.0000])'),
    ],
    'bucketize': [
        ('torch.bucketize(torch.tensor([0.5, 1., 3.]), torch.tensor([1., 2.]))',
         'tensor([0, 0, 2])'),
        ('torch.bucketize(torch.tensor([0.5, 1., 3.]), torch.tensor([1., 2.]), right=True)',
         'tensor([0, 1, 2])'),
    ],
    'histc': [
        ('torch.histc(torch.tensor([1., 2., 1.]), bins=3)',
         'tensor([2., 0., 1.])'),
    ],
    'histogram': [
        ('torch.histogram(torch.tensor([1., 2., 1.]), bins=4, range=(0., 3.), weight=torch.tensor([1., 2., 4.]))',
         'torch.return_types.histogram(\nhist=tensor([0., 5., 2., 0.]),\nbin_edges=tensor([0.0000, 0.7500, 1.5000, 2.2500, 3.0000]))'),
        ('torch.histogram(torch.tensor([1., 2., 1.]), torch.tensor([0., 1.5, 3.]), density=True)',
         'torch.return_types.histogram(\nhist=tensor([0.4444, 0.2222]),\nbin_edges=tensor([0.0000, 1.5000, 3.0000]))'),
    ],
    'searchsorted': [
        ('torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]))',
         'tensor([1, 3])'),
        ("torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]), side='right', out_int32=True)",
         'tensor([2, 3], dtype=torch.int32)'),
        ('torch.searchsorted(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([[1.5], [5.]]))',
         'tensor([[1],\n        [2]])'),
    ],
    'unique': [
        ('torch.unique(torch.tensor([2., 1., 2.], requires_grad=True))',
         'tensor([1., 2.], grad_fn=<Unique2Backward0>)'),
        ('torch.unique(torch.tensor([[1, 2], [1, 2]]), return_counts=True)',
         '(tensor([1, 2]), tensor([2, 2]))'),
    ],
    'unique_consecutive': [
        ('torch.unique_consecutive(torch.tensor([1, 1, 2, 1]), return_inverse=True)',
         '(tensor([1, 2, 1]), tensor([0, 0, 1, 2]))'),
        ('torch.unique_consecutive(torch.tensor([[1, 2], [1, 2], [3, 4]]), dim=0)',
         'tensor([[1, 2],\n        [3, 4]])'),
    ],
    'atleast_1d': [
        ('torch.atleast_1d(torch.tensor(1.))',
         'tensor([1.])'),
        ('torch.atleast_1d(torch.tensor(1), torch.tensor([2, 3]))',
         '(tensor([1]), tensor([2, 3]))'),
    ],
    'atleast_2d': [
        ('torch.atleast_2d(torch.tensor([1, 2]))',
         'tensor([[1, 2]])'),
    ],
    'atleast_3d': [
        ('torch.atleast_3d(torch.tensor([1, 2])).shape',
         'torch.Size([1, 2, 1])'),
        ('torch.atleast_3d(torch.ones(2, 2)).shape',
         'torch.Size([2, 2, 1])'),
    ],
    'cartesian_prod': [
        ('torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4]))',
         'tensor([[1, 3],\n        [1, 4],\n        [2, 3],\n        [2, 4]])'),
    ],
    'column_stack': [
        ('torch.column_stack([torch.tensor([1, 2]), torch.tensor([[3, 4], [5, 6]])])',
         'tensor([[1, 3, 4],\n        [2, 5, 6]])'),
    ],
    'dsplit': [
        ('torch.dsplit(torch.arange(4).view(1, 1, 4), [1])',
         '(tensor([[[0]]]), tensor([[[1, 2, 3]]]))'),
    ],
    'dstack': [
        ('torch.dstack([torch.tensor([1, 2]), torch.tensor([3, 4])])',
         'tensor([[[1, 3],\n         [2, 4]]])'),
    ],
    'fliplr': [
        ('torch.fliplr(torch.tensor([[1., 2., 3.]], requires_grad=True))',
         'tensor([[3., 2., 1.]], grad_fn=<FlipBackward0>)'),
    ],
    'flipud': [
        ('torch.flipud(torch.tensor([1, 2, 3]))',
         'tensor([3, 2, 1])'),
    ],
    'hsplit': [
        ('torch.hsplit(torch.arange(6), [2, 3])',
         '(tensor([0, 1]), tensor([2]), tensor([3, 4, 5]))'),
    ],
    'msort': [
        ('torch.msort(torch.tensor([2., 1., 3.], requires_grad=True))',
         'tensor([1., 2., 3.], grad_fn=<SortBackward0>)'),
    ],
    'row_stack': [
        ('torch.row_stack([torch.tensor([1, 2]), torch.tensor([3, 4])])',
         'tensor([[1, 2],\n        [3, 4]])'),
    ],
    'take_along_dim': [
        ('torch.take_along_dim(torch.tensor([[10, 20], [30, 40]]), torch.tensor([3, 0]))',
         'tensor([40, 10])'),
    ],
    'tril_indices': [
        ('torch.tril_indices(3, 3)',
         'tensor([[0, 1, 1, 2, 2, 2],\n        [0, 0, 1, 0, 1, 2]])'),
        ('torch.tril_indices(3, 2, offset=-1)',
         'tensor([[1, 2, 2],\n        [0, 0, 1]])'),
    ],
    'triu_indices': [
        ('torch.triu_indices(3, 3, 1)',
         'tensor([[0, 0, 1],\n        [1, 2, 2]])'),
    ],
    'vsplit': [
        ('torch.vsplit(torch.arange(4).view(2, 2), 2)',
         '(tensor([[0, 1]]), tensor([[2, 3]]))'),
    ],
    'abs_': [
        ('torch.abs_(torch.tensor([-1., 2.]))',
         'tensor([1., 2.])'),
    ],
    'acos_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.acos_(x) is x',
         'True'),
        ('x',
         'tensor([1.3181, 1.0472])'),
    ],
    'acosh_': [
        ('torch.acosh_(torch.tensor([1.5, 2.]))',
         'tensor([0.9624, 1.3170])'),
    ],
    'arccos_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.arccos_(x) is x',
         'True'),
        ('x',
         'tensor([1.3181, 1.0472])'),
    ],
    'arccosh_': [
        ('torch.arccosh_(torch.tensor([1.5, 2.]))',
         'tensor([0.9624, 1.3170])'),
    ],
    'arcsin_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.arcsin_(x) is x',
         'True'),
        ('x',
         'tensor([0.2527, 0.5236])'),
    ],
    'arcsinh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.arcsinh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2475, 0.4812])'),
    ],
    'arctan_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.arctan_(x) is x',
         'True'),
        ('x',
         'tensor([0.2450, 0.4636])'),
    ],
    'arctanh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.arctanh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2554, 0.5493])'),
    ],
    'asin_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.asin_(x) is x',
         'True'),
        ('x',
         'tensor([0.2527, 0.5236])'),
    ],
    'asinh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.asinh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2475, 0.4812])'),
    ],
    'atan_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.atan_(x) is x',
         'True'),
        ('x',
         'tensor([0.2450, 0.4636])'),
    ],
    'atanh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.atanh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2554, 0.5493])'),
    ],
    'ceil_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.ceil_(x) is x',
         'True'),
        ('x',
         'tensor([1., 1.])'),
    ],
    'clamp_': [
        ('torch.clamp_(torch.tensor([0.25, 0.5, 2.]), min=0.3, max=1.)',
         'tensor([0.3000, 0.5000, 1.0000])'),
    ],
    'clip_': [
        ('torch.clip_(torch.tensor([0.25, 0.5, 2.]), 0.3)',
         'tensor([0.3000, 0.5000, 2.0000])'),
    ],
    'cos_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.cos_(x) is x',
         'True'),
        ('x',
         'tensor([0.9689, 0.8776])'),
    ],
    'cosh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.cosh_(x) is x',
         'True'),
        ('x',
         'tensor([1.0314, 1.1276])'),
    ],
    'deg2rad_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.deg2rad_(x) is x',
         'True'),
        ('x',
         'tensor([0.0044, 0.0087])'),
    ],
    'detach_': [
        ('torch.detach_(torch.ones(2, requires_grad=True) * 2)',
         'tensor([2., 2.])'),
    ],
    'erf_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.erf_(x) is x',
         'True'),
        ('x',
         'tensor([0.2763, 0.5205])'),
    ],
    'erfc_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.erfc_(x) is x',
         'True'),
        ('x',
         'tensor([0.7237, 0.4795])'),
    ],
    'exp2_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.exp2_(x) is x',
         'True'),
        ('x',
         'tensor([1.1892, 1.4142])'),
    ],
    'exp_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.exp_(x) is x',
         'True'),
        ('x',
         'tensor([1.2840, 1.6487])'),
    ],
    'expm1_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.expm1_(x) is x',
         'True'),
        ('x',
         'tensor([0.2840, 0.6487])'),
    ],
    'fill_': [
        ('torch.fill_(torch.zeros(2), 7.)',
         'tensor([7., 7.])'),
    ],
    'fix_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.fix_(x) is x',
         'True'),
        ('x',
         'tensor([0., 0.])'),
    ],
    'floor_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.floor_(x) is x',
         'True'),
        ('x',
         'tensor([0., 0.])'),
    ],
    'frac_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.frac_(x) is x',
         'True'),
        ('x',
         'tensor([0.2500, 0.5000])'),
    ],
    'index_put_': [
        ('torch.index_put_(torch.zeros(3), (torch.tensor([0, 2]),), torch.tensor(5.))',
         'tensor([5., 0., 5.])'),
    ],
    'log10_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.log10_(x) is x',
         'True'),
        ('x',
         'tensor([-0.6021, -0.3010])'),
    ],
    'log1p_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.log1p_(x) is x',
         'True'),
        ('x',
         'tensor([0.2231, 0.4055])'),
    ],
    'log2_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.log2_(x) is x',
         'True'),
        ('x',
         'tensor([-2., -1.])'),
    ],
    'log_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.log_(x) is x',
         'True'),
        ('x',
         'tensor([-1.3863, -0.6931])'),
    ],
    'logit_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.logit_(x) is x',
         'True'),
        ('x',
         'tensor([-1.0986,  0.0000])'),
    ],
    'nan_to_num_': [
        ("torch.nan_to_num_(torch.tensor([float('nan'), 1., float('inf')]), posinf=9.)",
         'tensor([0., 1., 9.])'),
    ],
    'neg_': [
        ('torch.neg_(torch.tensor([-1., 2.]))',
         'tensor([ 1., -2.])'),
    ],
    'negative_': [
        ('torch.negative_(torch.tensor([-1., 2.]))',
         'tensor([ 1., -2.])'),
    ],
    'rad2deg_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.rad2deg_(x) is x',
         'True'),
        ('x',
         'tensor([14.3239, 28.6479])'),
    ],
    'reciprocal_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.reciprocal_(x) is x',
         'True'),
        ('x',
         'tensor([4., 2.])'),
    ],
    'round_': [
        ('torch.round_(torch.tensor([0.5, 1.5, 2.7]))',
         'tensor([0., 2., 3.])'),
    ],
    'rsqrt_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.rsqrt_(x) is x',
         'True'),
        ('x',
         'tensor([2.0000, 1.4142])'),
    ],
    'sigmoid_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.sigmoid_(x) is x',
         'True'),
        ('x',
         'tensor([0.5622, 0.6225])'),
    ],
    'sin_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.sin_(x) is x',
         'True'),
        ('x',
         'tensor([0.2474, 0.4794])'),
    ],
    'sinc_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.sinc_(x) is x',
         'True'),
        ('x',
         'tensor([0.9003, 0.6366])'),
    ],
    'sinh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.sinh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2526, 0.5211])'),
    ],
    'sqrt_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.sqrt_(x) is x',
         'True'),
        ('x',
         'tensor([0.5000, 0.7071])'),
    ],
    'square_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.square_(x) is x',
         'True'),
        ('x',
         'tensor([0.0625, 0.2500])'),
    ],
    'tan_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.tan_(x) is x',
         'True'),
        ('x',
         'tensor([0.2553, 0.5463])'),
    ],
    'tanh_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.tanh_(x) is x',
         'True'),
        ('x',
         'tensor([0.2449, 0.4621])'),
    ],
    'trunc_': [
        ('x = torch.tensor([0.25, 0.5])',
         ''),
        ('torch.trunc_(x) is x',
         'True'),
        ('x',
         'tensor([0., 0.])'),
    ],
    'xlogy_': [
        ('torch.xlogy_(torch.tensor([0., 2.]), torch.tensor([0., 3.]))',
         'tensor([0.0000, 2.1972])'),
    ],
    'zero_': [
        ('torch.zero_(torch.ones(2, 2))',
         'tensor([[0., 0.],\n        [0., 0.]])'),
    ],
    'nanquantile': [
        ("torch.nanquantile(torch.tensor([[1., float('nan')], [2., 4.]]), 0.5, dim=1, interpolation='midpoint')",
         'tensor([1., 3.])'),
    ],
    'quantile': [
        ('torch.quantile(torch.tensor([1., 2., 3., 4.], requires_grad=True), 0.4)',
         'tensor(2.2000, grad_fn=<SqueezeBackward4>)'),
        ("torch.quantile(torch.tensor([1., float('nan'), 3.]), 0.5)",
         'tensor(nan)'),
    ],
    'gcd': [
        ('torch.gcd(torch.tensor([5, 10]), torch.tensor([3, 4]))',
         'tensor([1, 2])'),
    ],
    'lcm': [
        ('torch.lcm(torch.tensor([3, 5]), torch.tensor([4, 10]))',
         'tensor([12, 10])'),
    ],
    'ldexp': [
        ('torch.ldexp(torch.tensor([1., 2.], requires_grad=True), torch.tensor([3, 1]))',
         'tensor([8., 4.], grad_fn=<LdexpBackward0>)'),
        ('torch.ldexp(torch.tensor([1, 2]), torch.tensor([1, 2]))',
         'tensor([2., 8.])'),
    ],
    'aminmax': [
        ('torch.aminmax(torch.tensor([2., -1., 4.], requires_grad=True))',
         'torch.return_types.aminmax(\nmin=tensor(-1., grad_fn=<AminmaxBackward0>),\nmax=tensor(4., grad_fn=<AminmaxBackward0>))'),
    ],
    'combinations': [
        ('torch.combinations(torch.tensor([1, 2, 3]))',
         'tensor([[1, 2],\n        [1, 3],\n        [2, 3]])'),
        ('torch.combinations(torch.tensor([1, 2]), r=2, with_replacement=True)',
         'tensor([[1, 1],\n        [1, 2],\n        [2, 2]])'),
    ],
    'diagonal_scatter': [
        ('torch.diagonal_scatter(torch.zeros(3, 3), torch.tensor([1., 2., 3.]))',
         'tensor([[1., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 3.]])'),
    ],
    'gcd_': [
        ('x = torch.tensor([6, 9])',
         ''),
        ('torch.gcd_(x, torch.tensor([4, 6]))',
         'tensor([2, 3])'),
    ],
    'i0': [
        ('torch.i0(torch.tensor([0, 1]))',
         'tensor([1.0000, 1.2661])'),
    ],
    'i0_': [
        ('x = torch.tensor([0., 1.])',
         ''),
        ('torch.i0_(x) is x',
         'True'),
        ('x',
         'tensor([1.0000, 1.2661])'),
    ],
    'lcm_': [
        ('x = torch.tensor([6, 9])',
         ''),
        ('torch.lcm_(x, torch.tensor([4, 6]))',
         'tensor([12, 18])'),
    ],
    'ldexp_': [
        ('x = torch.tensor([1., 3.])',
         ''),
        ('torch.ldexp_(x, torch.tensor([2, 1]))',
         'tensor([4., 6.])'),
    ],
    'select_scatter': [
        ('torch.select_scatter(torch.zeros(2, 3), torch.tensor([1., 2.]), 1, 0)',
         'tensor([[1., 0., 0.],\n        [2., 0., 0.]])'),
    ],
    'slice_scatter': [
        ('torch.slice_scatter(torch.zeros(3, 2), torch.ones(1, 2), start=2)',
         'tensor([[0., 0.],\n        [0., 0.],\n        [1., 1.]])'),
    ],
}

NN_EXAMPLES = {
    'adaptive_avg_pool1d': [
        ('torch.nn.functional.adaptive_avg_pool1d(torch.arange(5.).view(1, 1, 5), 2)',
         'tensor([[[1., 3.]]])'),
        ('torch.nn.functional.adaptive_avg_pool1d(torch.arange(6.).view(2, 3), 1)',
         'tensor([[1.],\n        [4.]])'),
    ],
    'adaptive_avg_pool2d': [
        ('torch.nn.functional.adaptive_avg_pool2d(torch.arange(16.).view(1, 1, 4, 4), 2)',
         'tensor([[[[ 2.5000,  4.5000],\n          [10.5000, 12.5000]]]])'),
        ('torch.nn.functional.adaptive_avg_pool2d(torch.arange(6.).view(1, 2, 3), (1, None))',
         'tensor([[[1.5000, 2.5000, 3.5000]]])'),
        ('torch.nn.functional.adaptive_avg_pool2d(torch.ones(1, 2, 3, 3, requires_grad=True), 1)',
         'tensor([[[[1.]],\n\n         [[1.]]]], grad_fn=<MeanBackward1>)'),
    ],
    'adaptive_avg_pool3d': [
        ('torch.nn.functional.adaptive_avg_pool3d(torch.arange(8.).view(1, 2, 2, 2), 1)',
         'tensor([[[[3.5000]]]])'),
        ('torch.nn.functional.adaptive_avg_pool3d(torch.arange(8., requires_grad=True).view(1, 1, 2, 4), (1, None, 2))',
         'tensor([[[[0.5000, 2.5000],\n          [4.5000, 6.5000]]]], grad_fn=<AdaptiveAvgPool3DBackward0>)'),
    ],
    'adaptive_max_pool1d': [
        ('torch.nn.functional.adaptive_max_pool1d(torch.tensor([[1., 3., 2., 0., 5.]]), 2)',
         'tensor([[3., 5.]])'),
        ('torch.nn.functional.adaptive_max_pool1d(torch.tensor([[1., 3., 2., 0., 5.]], requires_grad=True), 3, return_indices=True)',
         '(tensor([[3., 3., 5.]], grad_fn=<SqueezeBackward1>), tensor([[1, 1, 4]]))'),
    ],
    'adaptive_max_pool1d_with_indices': [
        ('torch.nn.functional.adaptive_max_pool1d_with_indices(torch.tensor([[1., 3., 2., 0.]]), 2)',
         '(tensor([[3., 2.]]), tensor([[1, 2]]))'),
    ],
    'adaptive_max_pool2d': [
        ('torch.nn.functional.adaptive_max_pool2d(torch.arange(16.).view(1, 4, 4), 2)',
         'tensor([[[ 5.,  7.],\n         [13., 15.]]])'),
        ('torch.nn.functional.adaptive_max_pool2d(torch.arange(9., requires_grad=True).view(1, 3, 3), (1, None), return_indices=True)',
         '(tensor([[[6., 7., 8.]]], grad_fn=<AdaptiveMaxPool2DBackward0>), tensor([[[6, 7, 8]]]))'),
    ],
    'adaptive_max_pool2d_with_indices': [
        ('torch.nn.functional.adaptive_max_pool2d_with_indices(torch.arange(4.).view(1, 2, 2), 1)',
         '(tensor([[[3.]]]), tensor([[[3]]]))'),
    ],
    'adaptive_max_pool3d': [
        ('torch.nn.functional.adaptive_max_pool3d(torch.arange(8., requires_grad=True).view(1, 2, 2, 2), 1)',
         'tensor([[[[7.]]]], grad_fn=<AdaptiveMaxPool3DBackward0>)'),
    ],
    'adaptive_max_pool3d_with_indices': [
        ('torch.nn.functional.adaptive_max_pool3d_with_indices(torch.arange(8.).view(1, 2, 2, 2), 1)',
         '(tensor([[[[7.]]]]), tensor([[[[7]]]]))'),
    ],
    'alpha_dropout': [
        ('torch.nn.functional.alpha_dropout(torch.ones(2, 2), 0.5)',
         'tensor([[1., 1.],\n        [1., 1.]])'),
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.nn.functional.alpha_dropout(torch.ones(2, 2, requires_grad=True), 0.5, training=True)',
         'tensor([[-0.7792, -0.7792],\n        [ 1.6656, -0.7792]], grad_fn=<AddBackward0>)'),
    ],
    'avg_pool1d': [
        ('torch.nn.functional.avg_pool1d(torch.tensor([[1., 3., 2., 0.]]), 2)',
         'tensor([[2., 1.]])'),
        ('torch.nn.functional.avg_pool1d(torch.tensor([[[1., 3., 2.]]], requires_grad=True), 2, stride=1, padding=1, count_include_pad=False)',
         'tensor([[[1.0000, 2.0000, 2.5000, 2.0000]]], grad_fn=<SqueezeBackward1>)'),
    ],
    'avg_pool2d': [
        ('torch.nn.functional.avg_pool2d(torch.arange(16.).view(1, 1, 4, 4), 2)',
         'tensor([[[[ 2.5000,  4.5000],\n          [10.5000, 12.5000]]]])'),
        ('torch.nn.functional.avg_pool2d(torch.ones(1, 1, 3, 3), 2, stride=1, padding=1).shape',
         'torch.Size([1, 1, 4, 4])'),
        ('torch.nn.functional.avg_pool2d(torch.ones(1, 1, 3, 3), 2, stride=1, padding=1, count_include_pad=False)',
         'tensor([[[[1., 1., 1., 1.],\n          [1., 1., 1., 1.],\n          [1., 1., 1., 1.],\n          [1., 1., 1., 1.]]]])'),
        ('torch.nn.functional.avg_pool2d(torch.arange(9.).view(1, 1, 3, 3), 2, ceil_mode=True)',
         'tensor([[[[2.0000, 3.5000],\n          [6.5000, 8.0000]]]])'),
    ],
    'avg_pool3d': [
        ('torch.nn.functional.avg_pool3d(torch.arange(8.).view(1, 2, 2, 2), 2)',
         'tensor([[[[3.5000]]]])'),
        ('torch.nn.functional.avg_pool3d(torch.ones(1, 1, 2, 2, 2, requires_grad=True), 2, padding=1, divisor_override=2)',
         'tensor([[[[[0.5000, 0.5000],\n           [0.5000, 0.5000]],\n\n          [[0.5000, 0.5000],\n           [0.5000, 0.5000]]]]], grad_fn=<AvgPool3DBackward0>)'),
    ],
    'batch_norm': [
        ('torch.nn.functional.batch_norm(torch.tensor([[1., 2.], [3., 6.]]), torch.zeros(2), torch.ones(2), training=True)',
         'tensor([[-1.0000, -1.0000],\n        [ 1.0000,  1.0000]])'),
        ('mean, var = torch.zeros(2), torch.ones(2)', ''),
        ('_ = torch.nn.functional.batch_norm(torch.tensor([[1., 2.], [3., 6.]]), mean, var, training=True, momentum=0.5)',
         ''),
        ('mean, var', '(tensor([1., 2.]), tensor([1.5000, 4.5000]))'),
        ('torch.nn.functional.batch_norm(torch.tensor([[1., 2.], [3., 6.]]), torch.tensor([1., 2.]), torch.tensor([4., 4.]), torch.tensor([2., 1.]), torch.tensor([0., 1.]), eps=0.)',
         'tensor([[0., 1.],\n        [2., 3.]])'),
    ],
    'bilinear': [
        ('torch.nn.functional.bilinear(torch.ones(1, 2), torch.ones(1, 3), torch.ones(4, 2, 3))',
         'tensor([[6., 6., 6., 6.]])'),
        ('torch.nn.functional.bilinear(torch.ones(1, 2), torch.ones(1, 3), torch.ones(1, 2, 3), torch.tensor([-6.]))',
         'tensor([[0.]])'),
    ],
    'binary_cross_entropy': [
        ('torch.nn.functional.binary_cross_entropy(torch.tensor([0.5, 0.9]), torch.tensor([1., 0.]))',
         'tensor(1.4979)'),
        ("torch.nn.functional.binary_cross_entropy(torch.tensor([0.5, 0.9]), torch.tensor([1., 0.]), reduction='none')",
         'tensor([0.6931, 2.3026])'),
        ('torch.nn.functional.binary_cross_entropy(torch.tensor([0.]), torch.tensor([1.]))',
         'tensor(100.)'),
    ],
    'binary_cross_entropy_with_logits': [
        ('torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([0., 2.]), torch.tensor([1., 0.]))',
         'tensor(1.4100)'),
        ("torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([0., 2.]), torch.tensor([1., 0.]), pos_weight=torch.tensor([2., 2.]), reduction='sum')",
         'tensor(3.5132)'),
        ('torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([100.]), torch.tensor([0.]))',
         'tensor(100.)'),
    ],
    'celu': [
        ('torch.nn.functional.celu(torch.tensor([-1., 0., 2.]))',
         'tensor([-0.6321,  0.0000,  2.0000])'),
        ('torch.nn.functional.celu(torch.tensor([-1., 2.], requires_grad=True), alpha=2.)',
         'tensor([-0.7869,  2.0000], grad_fn=<CeluBackward0>)'),
    ],
    'celu_': [
        ('torch.nn.functional.celu_(torch.tensor([-1., 2.]), 0.5)',
         'tensor([-0.4323,  2.0000])'),
    ],
    'channel_shuffle': [
        ('torch.nn.functional.channel_shuffle(torch.arange(6.).view(1, 6, 1), 3)',
         'tensor([[[0.],\n         [2.],\n         [4.],\n         [1.],\n         [3.],\n         [5.]]])'),
        ('torch.nn.functional.channel_shuffle(torch.arange(4., requires_grad=True).view(1, 4, 1), 2)',
         'tensor([[[0.],\n         [2.],\n         [1.],\n         [3.]]], grad_fn=<ChannelShuffleBackward0>)'),
    ],
    'conv1d': [
        ('torch.nn.functional.conv1d(torch.arange(5.).view(1, 1, 5), torch.ones(1, 1, 2))',
         'tensor([[[1., 3., 5., 7.]]])'),
        ('torch.nn.functional.conv1d(torch.ones(1, 2, 5), torch.ones(4, 1, 3), stride=2, padding=1, groups=2).shape',
         'torch.Size([1, 4, 3])'),
        ("torch.nn.functional.conv1d(torch.ones(1, 1, 4), torch.ones(1, 1, 3), torch.tensor([0.5]), padding='same')",
         'tensor([[[2.5000, 3.5000, 3.5000, 2.5000]]])'),
    ],
    'conv2d': [
        ('torch.nn.functional.conv2d(torch.arange(9.).view(1, 1, 3, 3), torch.ones(1, 1, 2, 2))',
         'tensor([[[[ 8., 12.],\n          [20., 24.]]]])'),
        ('torch.nn.functional.conv2d(torch.ones(1, 2, 4, 4), torch.ones(3, 2, 3, 3), stride=2, padding=1).shape',
         'torch.Size([1, 3, 2, 2])'),
        ("torch.nn.functional.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 3, 3), padding='same')",
         'tensor([[[[4., 6., 4.],\n          [6., 9., 6.],\n          [4., 6., 4.]]]])'),
        ('torch.nn.functional.conv2d(torch.ones(1, 2, 3, 3), torch.ones(2, 1, 2, 2), groups=2, dilation=2).shape',
         'torch.Size([1, 2, 1, 1])'),
        ('torch.nn.functional.conv2d(torch.ones(1, 1, 2, 2), torch.ones(1, 1, 1, 1), torch.tensor([0.5]))',
         'tensor([[[[1.5000, 1.5000],\n          [1.5000, 1.5000]]]])'),
    ],
    'conv_transpose1d': [
        ('torch.nn.functional.conv_transpose1d(torch.tensor([[[1., 2.]]]), torch.ones(1, 1, 3))',
         'tensor([[[1., 3., 3., 2.]]])'),
        ('torch.nn.functional.conv_transpose1d(torch.tensor([[[1., 2.]]]), torch.ones(1, 1, 2), stride=2, output_padding=1)',
         'tensor([[[1., 1., 2., 2., 0.]]])'),
        ('torch.nn.functional.conv_transpose1d(torch.ones(1, 2, 3), torch.ones(2, 3, 2), groups=2, padding=1).shape',
         'torch.Size([1, 6, 2])'),
    ],
    'conv_transpose2d': [
        ('torch.nn.functional.conv_transpose2d(torch.ones(1, 1, 2, 2), torch.ones(1, 1, 2, 2))',
         'tensor([[[[1., 2., 1.],\n          [2., 4., 2.],\n          [1., 2., 1.]]]])'),
        ('torch.nn.functional.conv_transpose2d(torch.ones(1, 2, 3, 3), torch.ones(2, 4, 3, 3), stride=2, padding=1, output_padding=1).shape',
         'torch.Size([1, 4, 6, 6])'),
    ],
    'cosine_embedding_loss': [
        ('torch.nn.functional.cosine_embedding_loss(torch.tensor([[1., 0.], [1., 1.]]), torch.tensor([[0., 1.], [1., 1.]]), torch.tensor([1, -1]))',
         'tensor(1.)'),
        ("torch.nn.functional.cosine_embedding_loss(torch.tensor([1., 1.], requires_grad=True), torch.tensor([1., 0.]), torch.tensor(-1), margin=0.5, reduction='none')",
         'tensor(0.2071, grad_fn=<AddBackward0>)'),
    ],
    'cosine_similarity': [
        ('torch.nn.functional.cosine_similarity(torch.tensor([[1., 0.], [3., 4.]]), torch.tensor([[1., 1.], [3., 4.]]))',
         'tensor([0.7071, 1.0000])'),
        ('torch.nn.functional.cosine_similarity(torch.tensor([[1., 2.]], requires_grad=True), torch.tensor([2., 1.]), dim=-1)',
         'tensor([0.8000], grad_fn=<SumBackward1>)'),
    ],
    'cross_entropy': [
        ('torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]]), torch.tensor([0, 1]))',
         'tensor(0.1269)'),
        ("torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]]), torch.tensor([0, 0]), reduction='none')",
         'tensor([0.1269, 2.1269])'),
        ('torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]]), torch.tensor([0, 1]), label_smoothing=0.1)',
         'tensor(0.2269)'),
        ('torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]]), torch.tensor([[0.5, 0.5], [0., 1.]]))',
         'tensor(0.6269)'),
        ('torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]]), torch.tensor([1, 0]), ignore_index=1)',
         'tensor(2.1269)'),
        ('torch.nn.functional.cross_entropy(torch.tensor([[2., 0.], [0., 2.]], requires_grad=True), torch.tensor([0, 1]))',
         'tensor(0.1269, grad_fn=<NllLossBackward0>)'),
    ],
    'dropout': [
        ('torch.nn.functional.dropout(torch.ones(3), p=0.5, training=False)',
         'tensor([1., 1., 1.])'),
        ('torch.nn.functional.dropout(torch.ones(3), p=1.0)', 'tensor([0., 0., 0.])'),
        ('torch.nn.functional.dropout(torch.ones(3), p=0.0)', 'tensor([1., 1., 1.])'),
        ('torch.nn.functional.dropout(torch.tensor([1., 2.], requires_grad=True), p=0.5, training=False)',
         'tensor([1., 2.], requires_grad=True)'),
    ],
    'dropout1d': [
        ('torch.nn.functional.dropout1d(torch.ones(1, 3, 2), training=False)',
         'tensor([[[1., 1.],\n         [1., 1.],\n         [1., 1.]]])'),
        ('torch.nn.functional.dropout1d(torch.ones(2, 3), p=1.)',
         'tensor([[0., 0., 0.],\n        [0., 0., 0.]])'),
    ],
    'dropout2d': [
        ('torch.nn.functional.dropout2d(torch.ones(1, 2, 1, 2), training=False)',
         'tensor([[[[1., 1.]],\n\n         [[1., 1.]]]])'),
        ('torch.nn.functional.dropout2d(torch.ones(1, 2, 1, 2), p=0.)',
         'tensor([[[[1., 1.]],\n\n         [[1., 1.]]]])'),
    ],
    'dropout3d': [
        ('torch.nn.functional.dropout3d(torch.ones(1, 2, 1, 1, 2), training=False)',
         'tensor([[[[[1., 1.]]],\n\n\n         [[[1., 1.]]]]])'),
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.nn.functional.dropout3d(torch.ones(1, 4, 1, 1, 2))',
         'tensor([[[[[0., 0.]]],\n\n\n         [[[0., 0.]]],\n\n\n         [[[2., 2.]]],\n\n\n         [[[0., 0.]]]]])'),
    ],
    'elu': [
        ('torch.nn.functional.elu(torch.tensor([-1., 0., 2.]))',
         'tensor([-0.6321,  0.0000,  2.0000])'),
        ('torch.nn.functional.elu(torch.tensor([-1., 0., 2.]), alpha=0.5)',
         'tensor([-0.3161,  0.0000,  2.0000])'),
    ],
    'elu_': [
        ('torch.nn.functional.elu_(torch.tensor([-1., 2.]))',
         'tensor([-0.6321,  2.0000])'),
        ('torch.nn.functional.elu_(torch.tensor([-1., 2.], requires_grad=True) * 1, alpha=0.5)',
         'tensor([-0.3161,  2.0000], grad_fn=<EluBackward1>)'),
    ],
    'embedding': [
        ('torch.nn.functional.embedding(torch.tensor([[0, 2]]), torch.tensor([[1., 1.], [2., 2.], [3., 3.]]))',
         'tensor([[[1., 1.],\n         [3., 3.]]])'),
        ('torch.nn.functional.embedding(torch.tensor([1]), torch.tensor([[3., 4.], [6., 8.]]), max_norm=5.)',
         'tensor([[3., 4.]])'),
    ],
    'feature_alpha_dropout': [
        ('torch.nn.functional.feature_alpha_dropout(torch.ones(2, 2), 0.5)',
         'tensor([[1., 1.],\n        [1., 1.]])'),
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.nn.functional.feature_alpha_dropout(torch.ones(1, 4, 2), 0.5, training=True)',
         'tensor([[[-0.7792, -0.7792],\n         [-0.7792, -0.7792],\n         [ 1.6656,  1.6656],\n         [-0.7792, -0.7792]]])'),
    ],
    'fold': [
        ('torch.nn.functional.fold(torch.ones(1, 4, 2), (2, 3), 2)',
         'tensor([[[[1., 2., 1.],\n          [1., 2., 1.]]]])'),
        ('torch.nn.functional.fold(torch.arange(8., requires_grad=True).view(1, 4, 2), (2, 3), 2)',
         'tensor([[[[ 0.,  3.,  3.],\n          [ 4., 11.,  7.]]]], grad_fn=<Col2ImBackward0>)'),
    ],
    'gaussian_nll_loss': [
        ('torch.nn.functional.gaussian_nll_loss(torch.tensor([0., 1.]), torch.tensor([1., 1.]), torch.ones(2))',
         'tensor(0.2500)'),
        ("torch.nn.functional.gaussian_nll_loss(torch.tensor([[0., 1.]], requires_grad=True), torch.tensor([[1., 3.]]), torch.tensor([2.]), full=True, reduction='none')",
         'tensor([[1.5155, 2.2655]], grad_fn=<AddBackward0>)'),
    ],
    'gelu': [
        ('torch.nn.functional.gelu(torch.tensor([-1., 0., 1.]))',
         'tensor([-0.1587,  0.0000,  0.8413])'),
        ("torch.nn.functional.gelu(torch.tensor([-1., 0., 1.]), approximate='tanh')",
         'tensor([-0.1588,  0.0000,  0.8412])'),
    ],
    'glu': [
        ('torch.nn.functional.glu(torch.tensor([[1., 2., 0., -1.]]))',
         'tensor([[0.5000, 0.5379]])'),
        ('torch.nn.functional.glu(torch.tensor([[1., 2.], [0., -1.]], requires_grad=True), dim=0)',
         'tensor([[0.5000, 0.5379]], grad_fn=<GluBackward0>)'),
    ],
    'group_norm': [
        ('torch.nn.functional.group_norm(torch.tensor([[1., 3., 0., 4.]]), 2)',
         'tensor([[-1.0000,  1.0000, -1.0000,  1.0000]])'),
        ('torch.nn.functional.group_norm(torch.tensor([[[1., 3.], [0., 4.]]]), 1, torch.tensor([1., 2.]), torch.tensor([0., 1.]))',
         'tensor([[[-0.6325,  0.6325],\n         [-1.5298,  3.5298]]])'),
    ],
    'gumbel_softmax': [
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.nn.functional.gumbel_softmax(torch.tensor([[1., 2., 3.]], requires_grad=True), tau=0.5)',
         'tensor([[5.4419e-04, 3.2693e-02, 9.6676e-01]], grad_fn=<SoftmaxBackward0>)'),
        ('torch.nn.functional.gumbel_softmax(torch.tensor([[1., 2., 3.]], requires_grad=True), hard=True)',
         'tensor([[0., 0., 1.]], grad_fn=<AddBackward0>)'),
    ],
    'hardshrink': [
        ('torch.nn.functional.hardshrink(torch.tensor([-1., 0.5, 2.]))',
         'tensor([-1.,  0.,  2.])'),
        ('torch.nn.functional.hardshrink(torch.tensor([-1., 0.5, 2.], requires_grad=True), 1.)',
         'tensor([0., 0., 2.], grad_fn=<HardshrinkBackward0>)'),
    ],
    'hardsigmoid': [
        ('torch.nn.functional.hardsigmoid(torch.tensor([-4., 0., 1., 3.]))',
         'tensor([0.0000, 0.5000, 0.6667, 1.0000])'),
        ('torch.nn.functional.hardsigmoid(torch.tensor([-4., 1.]), inplace=True)',
         'tensor([0.0000, 0.6667])'),
    ],
    'hardswish': [
        ('torch.nn.functional.hardswish(torch.tensor([-4., 0., 1., 3.]))',
         'tensor([-0.0000, 0.0000, 0.6667, 3.0000])'),
        ('torch.nn.functional.hardswish(torch.tensor([-1., 1.], requires_grad=True))',
         'tensor([-0.3333,  0.6667], grad_fn=<HardswishBackward0>)'),
    ],
    'hardtanh': [
        ('torch.nn.functional.hardtanh(torch.tensor([-2., 0.5, 2.]))',
         'tensor([-1.0000,  0.5000,  1.0000])'),
        ('torch.nn.functional.hardtanh(torch.tensor([-2., 0.5, 2.]), 0., 1.)',
         'tensor([0.0000, 0.5000, 1.0000])'),
    ],
    'hardtanh_': [
        ('torch.nn.functional.hardtanh_(torch.tensor([-2., 0.5, 3.]))',
         'tensor([-1.0000,  0.5000,  1.0000])'),
        ('torch.nn.functional.hardtanh_(torch.tensor([-2., 0.5, 3.], requires_grad=True) * 1, -1., 2.)',
         'tensor([-1.0000,  0.5000,  2.0000], grad_fn=<HardtanhBackward0>)'),
    ],
    'hinge_embedding_loss': [
        ('torch.nn.functional.hinge_embedding_loss(torch.tensor([0.5, 2.]), torch.tensor([1., -1.]))',
         'tensor(0.2500)'),
        ("torch.nn.functional.hinge_embedding_loss(torch.tensor([0.5, 2.], requires_grad=True), torch.tensor([-1., -1.]), margin=3., reduction='none')",
         'tensor([2.5000, 1.0000], grad_fn=<AddBackward0>)'),
    ],
    'huber_loss': [
        ('torch.nn.functional.huber_loss(torch.tensor([0., 3.]), torch.tensor([0.5, 0.]))',
         'tensor(1.3125)'),
        ("torch.nn.functional.huber_loss(torch.tensor([0., 3.]), torch.tensor([0.5, 0.]), reduction='none', delta=2.)",
         'tensor([0.1250, 4.0000])'),
    ],
    'instance_norm': [
        ('torch.nn.functional.instance_norm(torch.tensor([[[1., 3.], [0., 4.]]]))',
         'tensor([[[-1.0000,  1.0000],\n         [-1.0000,  1.0000]]])'),
        ('mean, var = torch.zeros(2), torch.ones(2)', ''),
        ('_ = torch.nn.functional.instance_norm(torch.tensor([[[1., 3.], [0., 4.]]]), mean, var, momentum=0.5)',
         ''),
        ('mean, var', '(tensor([1., 1.]), tensor([1.5000, 4.5000]))'),
    ],
    'interpolate': [
        ('torch.nn.functional.interpolate(torch.tensor([[[1., 2.]]]), scale_factor=2)',
         'tensor([[[1., 1., 2., 2.]]])'),
        ("torch.nn.functional.interpolate(torch.tensor([[[1., 3.]]]), size=4, mode='linear')",
         'tensor([[[1.0000, 1.5000, 2.5000, 3.0000]]])'),
        ("torch.nn.functional.interpolate(torch.tensor([[[1., 3.]]]), size=3, mode='linear', align_corners=True)",
         'tensor([[[1., 2., 3.]]])'),
        ("torch.nn.functional.interpolate(torch.arange(4.).view(1, 1, 2, 2), scale_factor=2, mode='bilinear')",
         'tensor([[[[0.0000, 0.2500, 0.7500, 1.0000],\n          [0.5000, 0.7500, 1.2500, 1.5000],\n          [1.5000, 1.7500, 2.2500, 2.5000],\n          [2.0000, 2.2500, 2.7500, 3.0000]]]])'),
        ("torch.nn.functional.interpolate(torch.arange(4.).view(1, 1, 4), size=2, mode='area')",
         'tensor([[[0.5000, 2.5000]]])'),
    ],
    'kl_div': [
        ("torch.nn.functional.kl_div(torch.tensor([[0.5, 0.5], [0.5, 0.5]]).log(), torch.tensor([[0.25, 0.75], [0.5, 0.5]]), reduction='batchmean')",
         'tensor(0.0654)'),
        ("torch.nn.functional.kl_div(torch.tensor([[0.5, 0.5]]).log(), torch.tensor([[0.25, 0.75]]), reduction='sum')",
         'tensor(0.1308)'),
        ("torch.nn.functional.kl_div(torch.tensor([[0.5, 0.5]]).log(), torch.tensor([[0.25, 0.75]]).log(), reduction='sum', log_target=True)",
         'tensor(0.1308)'),
    ],
    'l1_loss': [
        ('torch.nn.functional.l1_loss(torch.tensor([1., 2.]), torch.tensor([2., 4.]))',
         'tensor(1.5000)'),
        ("torch.nn.functional.l1_loss(torch.tensor([1., 2.]), torch.tensor([2., 4.]), reduction='sum')",
         'tensor(3.)'),
    ],
    'layer_norm': [
        ('torch.nn.functional.layer_norm(torch.tensor([[1., 3.], [2., 6.]]), (2,))',
         'tensor([[-1.0000,  1.0000],\n        [-1.0000,  1.0000]])'),
        ('torch.nn.functional.layer_norm(torch.tensor([[1., 3.]]), (2,), weight=torch.tensor([2., 1.]), bias=torch.tensor([0., 1.]))',
         'tensor([[-2.0000,  2.0000]])'),
        ('torch.nn.functional.layer_norm(torch.tensor([[1., 3.]]), [2], eps=1.)',
         'tensor([[-0.7071,  0.7071]])'),
    ],
    'leaky_relu': [
        ('torch.nn.functional.leaky_relu(torch.tensor([-1., 2.]))', 'tensor([-0.0100,  2.0000])'),
        ('torch.nn.functional.leaky_relu(torch.tensor([-1., 2.]), 0.2)',
         'tensor([-0.2000,  2.0000])'),
    ],
    'leaky_relu_': [
        ('torch.nn.functional.leaky_relu_(torch.tensor([-1., 2.]), 0.5)',
         'tensor([-0.5000,  2.0000])'),
    ],
    'linear': [
        ('torch.nn.functional.linear(torch.tensor([[1., 2.]]), torch.tensor([[1., 0.], [1., 1.], [0., -1.]]))',
         'tensor([[ 1.,  3., -2.]])'),
        ('torch.nn.functional.linear(torch.tensor([[1., 2.]]), torch.tensor([[1., 0.]]), torch.tensor([10.]))',
         'tensor([[11.]])'),
        ('torch.nn.functional.linear(torch.tensor([1., 2.]), torch.tensor([[1., 1.]]))',
         'tensor([3.])'),
    ],
    'local_response_norm': [
        ('torch.nn.functional.local_response_norm(torch.ones(1, 2, 1), 2, alpha=1., beta=1., k=1.)',
         'tensor([[[0.6667],\n         [0.5000]]])'),
        ('torch.nn.functional.local_response_norm(torch.arange(1., 5., requires_grad=True).view(1, 4, 1, 1), 3)',
         'tensor([[[[0.9999]],\n\n         [[1.9993]],\n\n         [[2.9978]],\n\n         [[3.9975]]]], grad_fn=<DivBackward0>)'),
    ],
    'log_softmax': [
        ('torch.nn.functional.log_softmax(torch.tensor([[0., 1.], [1., 1.]]), dim=1)',
         'tensor([[-1.3133, -0.3133],\n        [-0.6931, -0.6931]])'),
        ("torch.nn.functional.log_softmax(torch.tensor([0., float('-inf')]), dim=0)",
         'tensor([0., -inf])'),
    ],
    'logsigmoid': [
        ('torch.nn.functional.logsigmoid(torch.tensor([0., -100.]))',
         'tensor([  -0.6931, -100.0000])'),
    ],
    'lp_pool1d': [
        ('torch.nn.functional.lp_pool1d(torch.tensor([[3., 4., 1., 0.]]), 2, 2)',
         'tensor([[5., 1.]])'),
        ('torch.nn.functional.lp_pool1d(torch.tensor([[[3., 4., 1.]]], requires_grad=True), 1., 2, stride=1)',
         'tensor([[[7., 5.]]], grad_fn=<PowBackward0>)'),
    ],
    'lp_pool2d': [
        ('torch.nn.functional.lp_pool2d(torch.ones(1, 2, 2), 1, 2)',
         'tensor([[[4.]]])'),
        ('torch.nn.functional.lp_pool2d(torch.arange(4., requires_grad=True).view(1, 2, 2), 2, (1, 2))',
         'tensor([[[1.0000],\n         [3.6056]]], grad_fn=<PowBackward0>)'),
    ],
    'lp_pool3d': [
        ('torch.nn.functional.lp_pool3d(torch.ones(1, 2, 2, 2), 1, 2)',
         'tensor([[[[8.]]]])'),
        ("torch.nn.functional.lp_pool3d(torch.arange(8., requires_grad=True).view(1, 2, 2, 2), float('inf'), 2)",
         'tensor([[[[7.]]]], grad_fn=<MaxPool3DWithIndicesBackward0>)'),
    ],
    'margin_ranking_loss': [
        ('torch.nn.functional.margin_ranking_loss(torch.tensor([1., 2.]), torch.tensor([2., 1.]), torch.tensor([1., 1.]))',
         'tensor(0.5000)'),
        ("torch.nn.functional.margin_ranking_loss(torch.tensor([1., 2.], requires_grad=True), torch.tensor([2., 1.]), torch.tensor([1., -1.]), margin=0.5, reduction='none')",
         'tensor([1.5000, 1.5000], grad_fn=<ClampMinBackward0>)'),
    ],
    'max_pool1d': [
        ('torch.nn.functional.max_pool1d(torch.tensor([[1., 3., 2., 0.]]), 2)',
         'tensor([[3., 2.]])'),
        ('torch.nn.functional.max_pool1d(torch.tensor([[[1., 3., 2.]]], requires_grad=True), 2, stride=1, return_indices=True)',
         '(tensor([[[3., 3.]]], grad_fn=<SqueezeBackward1>), tensor([[[1, 1]]]))'),
        ('torch.nn.functional.max_pool1d(torch.tensor([[1., 3., 2.]]), 2, ceil_mode=True)',
         'tensor([[3., 2.]])'),
    ],
    'max_pool1d_with_indices': [
        ('torch.nn.functional.max_pool1d_with_indices(torch.tensor([[1., 3., 2., 0.]]), 2)',
         '(tensor([[3., 2.]]), tensor([[1, 2]]))'),
    ],
    'max_pool2d': [
        ('torch.nn.functional.max_pool2d(torch.arange(16.).view(1, 1, 4, 4), 2)',
         'tensor([[[[ 5.,  7.],\n          [13., 15.]]]])'),
        ('torch.nn.functional.max_pool2d(torch.arange(9.).view(1, 3, 3), 2, stride=1)',
         'tensor([[[4., 5.],\n         [7., 8.]]])'),
        ('torch.nn.functional.max_pool2d(torch.arange(9.).view(1, 1, 3, 3), 2, ceil_mode=True)',
         'tensor([[[[4., 5.],\n          [7., 8.]]]])'),
        ('torch.nn.functional.max_pool2d(-torch.ones(1, 1, 2, 2), 2, stride=1, padding=1)',
         'tensor([[[[-1., -1., -1.],\n          [-1., -1., -1.],\n          [-1., -1., -1.]]]])'),
    ],
    'max_pool2d_with_indices': [
        ('torch.nn.functional.max_pool2d_with_indices(torch.arange(16.).view(1, 1, 4, 4), 2)',
         '(tensor([[[[ 5.,  7.],\n          [13., 15.]]]]), tensor([[[[ 5,  7],\n          [13, 15]]]]))'),
    ],
    'max_pool3d': [
        ('torch.nn.functional.max_pool3d(torch.arange(8.).view(1, 2, 2, 2), 2)',
         'tensor([[[[7.]]]])'),
        ('torch.nn.functional.max_pool3d(torch.arange(27., requires_grad=True).view(1, 1, 3, 3, 3), 2, stride=1, return_indices=True)[1]',
         'tensor([[[[[13, 14],\n           [16, 17]],\n\n          [[22, 23],\n           [25, 26]]]]])'),
        ('torch.nn.functional.max_pool3d(torch.arange(8., requires_grad=True).view(1, 2, 2, 2), 2, padding=1)',
         'tensor([[[[0., 1.],\n          [2., 3.]],\n\n         [[4., 5.],\n          [6., 7.]]]], grad_fn=<MaxPool3DWithIndicesBackward0>)'),
    ],
    'max_pool3d_with_indices': [
        ('torch.nn.functional.max_pool3d_with_indices(torch.arange(8.).view(1, 2, 2, 2), 2)',
         '(tensor([[[[7.]]]]), tensor([[[[7]]]]))'),
    ],
    'max_unpool1d': [
        ('out, idx = torch.nn.functional.max_pool1d(torch.tensor([[1., 3., 2., 0.]]), 2, return_indices=True)',
         ''),
        ('torch.nn.functional.max_unpool1d(out, idx, 2)',
         'tensor([[0., 3., 2., 0.]])'),
        ('torch.nn.functional.max_unpool1d(out, idx, 2, output_size=[5])',
         'tensor([[0., 3., 2., 0., 0.]])'),
    ],
    'max_unpool2d': [
        ('out, idx = torch.nn.functional.max_pool2d(torch.arange(16., requires_grad=True).view(1, 1, 4, 4), 2, return_indices=True)',
         ''),
        ('torch.nn.functional.max_unpool2d(out, idx, 2)',
         'tensor([[[[ 0.,  0.,  0.,  0.],\n          [ 0.,  5.,  0.,  7.],\n          [ 0.,  0.,  0.,  0.],\n          [ 0., 13.,  0., 15.]]]], grad_fn=<MaxUnpool2DBackward0>)'),
    ],
    'mish': [
        ('torch.nn.functional.mish(torch.tensor([-1., 0., 1.]))',
         'tensor([-0.3034,  0.0000,  0.8651])'),
    ],
    'mse_loss': [
        ('torch.nn.functional.mse_loss(torch.tensor([1., 2.]), torch.tensor([2., 4.]))',
         'tensor(2.5000)'),
        ("torch.nn.functional.mse_loss(torch.tensor([1., 2.]), torch.tensor([2., 4.]), reduction='none')",
         'tensor([1., 4.])'),
    ],
    'multi_head_attention_forward': [
        ('x = torch.tensor([[[1., 0.]], [[0., 1.]]])', ''),
        ('w, b = torch.eye(2).repeat(3, 1), torch.zeros(6)', ''),
        ('torch.nn.functional.multi_head_attention_forward(x, x, x, 2, 1, w, b, None, None, False, 0., torch.eye(2), None)',
         '(tensor([[[0.6698, 0.3302]],\n\n        [[0.3302, 0.6698]]]), tensor([[[0.6698, 0.3302],\n         [0.3302, 0.6698]]]))'),
        ('torch.nn.functional.multi_head_attention_forward(x, x, x, 2, 2, w, b, None, None, False, 0., torch.eye(2), None, need_weights=False)[0]',
         'tensor([[[0.7311, 0.5000]],\n\n        [[0.5000, 0.7311]]])'),
        ('torch.nn.functional.multi_head_attention_forward(x, x, x, 2, 1, w, b, None, None, False, 0., torch.eye(2), None, key_padding_mask=torch.tensor([[False, True]]))[1]',
         'tensor([[[1., 0.],\n         [1., 0.]]])'),
    ],
    'nll_loss': [
        ('torch.nn.functional.nll_loss(torch.tensor([[-1., -2.], [-3., -0.5]]), torch.tensor([0, 1]))',
         'tensor(0.7500)'),
        ('torch.nn.functional.nll_loss(torch.tensor([[-1., -2.], [-3., -0.5]]), torch.tensor([0, 1]), weight=torch.tensor([1., 3.]))',
         'tensor(0.6250)'),
        ("torch.nn.functional.nll_loss(torch.tensor([[-1., -2.], [-3., -0.5]]), torch.tensor([0, -100]), reduction='sum')",
         'tensor(1.)'),
    ],
    'normalize': [
        ('torch.nn.functional.normalize(torch.tensor([[3., 4.], [0., 0.]]))',
         'tensor([[0.6000, 0.8000],\n        [0.0000, 0.0000]])'),
        ('torch.nn.functional.normalize(torch.tensor([[3., 4.], [1., 1.]]), p=1, dim=0)',
         'tensor([[0.7500, 0.8000],\n        [0.2500, 0.2000]])'),
        ('torch.nn.functional.normalize(torch.tensor([3., 4.]), dim=0)',
         'tensor([0.6000, 0.8000])'),
    ],
    'one_hot': [
        ('torch.nn.functional.one_hot(torch.tensor([0, 2]))',
         'tensor([[1, 0, 0],\n        [0, 0, 1]])'),
        ('torch.nn.functional.one_hot(torch.tensor([0, 2]), num_classes=4)',
         'tensor([[1, 0, 0, 0],\n        [0, 0, 1, 0]])'),
        ('torch.nn.functional.one_hot(torch.tensor([[1], [0]]), 2)',
         'tensor([[[0, 1]],\n\n        [[1, 0]]])'),
    ],
    'pad': [
        ('torch.nn.functional.pad(torch.tensor([[1, 2]]), (1, 2))', 'tensor([[0, 1, 2, 0, 0]])'),
        ('torch.nn.functional.pad(torch.tensor([[1., 2.]]), (0, 0, 1, 0), value=-1.)',
         'tensor([[-1., -1.],\n        [ 1.,  2.]])'),
        ('torch.nn.functional.pad(torch.tensor([[1, 2, 3]]), (-1, 0))', 'tensor([[2, 3]])'),
        ("torch.nn.functional.pad(torch.tensor([[[1., 2., 3.]]]), (2, 0), mode='reflect')",
         'tensor([[[3., 2., 1., 2., 3.]]])'),
        ("torch.nn.functional.pad(torch.tensor([[[1., 2., 3.]]]), (1, 1), mode='replicate')",
         'tensor([[[1., 1., 2., 3., 3.]]])'),
    ],
    'pairwise_distance': [
        ('torch.nn.functional.pairwise_distance(torch.tensor([[3., 4.]]), torch.zeros(1, 2))',
         'tensor([5.0000])'),
        ('torch.nn.functional.pairwise_distance(torch.tensor([[1., 2.]], requires_grad=True), torch.tensor([[0., 0.]]), p=1., keepdim=True)',
         'tensor([[3.0000]], grad_fn=<NormBackward1>)'),
    ],
    'pdist': [
        ('torch.nn.functional.pdist(torch.tensor([[0., 0.], [3., 4.], [0., 1.]], requires_grad=True))',
         'tensor([5.0000, 1.0000, 4.2426], grad_fn=<PdistBackward0>)'),
        ('torch.nn.functional.pdist(torch.tensor([[0., 0.], [3., 4.]]), p=1)',
         'tensor([7.])'),
    ],
    'pixel_shuffle': [
        ('torch.nn.functional.pixel_shuffle(torch.arange(8.).reshape(1, 4, 1, 2), 2)',
         'tensor([[[[0., 2., 1., 3.],\n          [4., 6., 5., 7.]]]])'),
        ('torch.nn.functional.pixel_shuffle(torch.ones(4, 1, 1, requires_grad=True), 2)',
         'tensor([[[1., 1.],\n         [1., 1.]]], grad_fn=<PixelShuffleBackward0>)'),
    ],
    'pixel_unshuffle': [
        ('torch.nn.functional.pixel_unshuffle(torch.arange(4.).reshape(1, 2, 2), 2)',
         'tensor([[[0.]],\n\n        [[1.]],\n\n        [[2.]],\n\n        [[3.]]])'),
        ('torch.nn.functional.pixel_unshuffle(torch.ones(1, 2, 2, requires_grad=True), 2).shape',
         'torch.Size([4, 1, 1])'),
    ],
    'poisson_nll_loss': [
        ('torch.nn.functional.poisson_nll_loss(torch.tensor([0., 1.]), torch.tensor([1., 2.]))',
         'tensor(0.8591)'),
        ("torch.nn.functional.poisson_nll_loss(torch.tensor([0.5, 2.], requires_grad=True), torch.tensor([1., 3.]), log_input=False, full=True, reduction='none')",
         'tensor([1.1931, 1.6846], grad_fn=<AddBackward0>)'),
    ],
    'prelu': [
        ('torch.nn.functional.prelu(torch.tensor([-1., 2.]), torch.tensor([0.25]))',
         'tensor([-0.2500,  2.0000])'),
        ('torch.nn.functional.prelu(torch.tensor([[-1., -2.], [3., -4.]]), torch.tensor([0.5, 0.1]))',
         'tensor([[-0.5000, -0.2000],\n        [ 3.0000, -0.4000]])'),
    ],
    'relu': [
        ('torch.nn.functional.relu(torch.tensor([-1., 2.]))', 'tensor([0., 2.])'),
        ('torch.nn.functional.relu(torch.tensor([-1., 2.]), inplace=True)', 'tensor([0., 2.])'),
    ],
    'relu6': [
        ('torch.nn.functional.relu6(torch.tensor([-1., 3., 8.]))', 'tensor([0., 3., 6.])'),
    ],
    'relu_': [
        ('torch.nn.functional.relu_(torch.tensor([-1., 2.]))', 'tensor([0., 2.])'),
    ],
    'rms_norm': [
        ('torch.nn.functional.rms_norm(torch.tensor([[3., 4.]]), (2,))',
         'tensor([[0.8485, 1.1314]])'),
        ('torch.nn.functional.rms_norm(torch.tensor([[1., 1.]]), [2], torch.tensor([2., 3.]), eps=1.)',
         'tensor([[1.4142, 2.1213]])'),
    ],
    'rrelu': [
        ('torch.nn.functional.rrelu(torch.tensor([-1., 2.], requires_grad=True), 0.1, 0.3)',
         'tensor([-0.2000,  2.0000], grad_fn=<RreluWithNoiseBackward0>)'),
        ('_ = torch.manual_seed(0)',
         ''),
        ('torch.nn.functional.rrelu(torch.tensor([-1., -2., 3.]), training=True)',
         'tensor([-0.3271, -0.5449,  3.0000])'),
    ],
    'rrelu_': [
        ('torch.nn.functional.rrelu_(torch.tensor([-1., 2.]), 0.1, 0.3)',
         'tensor([-0.2000,  2.0000])'),
    ],
    'scaled_dot_product_attention': [
        ('q = torch.tensor([[[[1., 0.], [0., 1.]]]])', ''),
        ('v = torch.tensor([[[[1., 2.], [3., 4.]]]])', ''),
        ('torch.nn.functional.scaled_dot_product_attention(q, q, v)',
         'tensor([[[[1.6605, 2.6605],\n          [2.3395, 3.3395]]]])'),
        ('torch.nn.functional.scaled_dot_product_attention(q, q, v, is_causal=True)',
         'tensor([[[[1.0000, 2.0000],\n          [2.3395, 3.3395]]]])'),
        ('torch.nn.functional.scaled_dot_product_attention(q, q, v, attn_mask=torch.tensor([[True, False], [False, False]]))',
         'tensor([[[[1., 2.],\n          [0., 0.]]]])'),
        ('torch.nn.functional.scaled_dot_product_attention(q, q, v, attn_mask=torch.tensor([[0., -1.], [0., 0.]]), scale=2.)',
         'tensor([[[[1.0949, 2.0949],\n          [2.7616, 3.7616]]]])'),
        ('torch.nn.functional.scaled_dot_product_attention(q.requires_grad_(), q, v)',
         'tensor([[[[1.6605, 2.6605],\n          [2.3395, 3.3395]]]],\n       grad_fn=<ScaledDotProductFlashAttentionForCpuBackward0>)'),
        ('torch.nn.functional.scaled_dot_product_attention(q[0, 0], q[0, 0], v[0, 0])',
         'tensor([[1.6605, 2.6605],\n        [2.3395, 3.3395]], grad_fn=<MmBackward0>)'),
        ('_ = torch.manual_seed(0)', ''),
        ('torch.nn.functional.scaled_dot_product_attention(q, q, v, dropout_p=0.5)',
         'tensor([[[[0.0000, 0.0000],\n          [0.6605, 1.3210]]]], grad_fn=<UnsafeViewBackward0>)'),
    ],
    'selu': [
        ('torch.nn.functional.selu(torch.tensor([-1., 0., 1.]))',
         'tensor([-1.1113,  0.0000,  1.0507])'),
    ],
    'selu_': [
        ('torch.nn.functional.selu_(torch.tensor([-1., 1.]))',
         'tensor([-1.1113,  1.0507])'),
        ('torch.nn.functional.selu_(torch.tensor([-1., 1.], requires_grad=True) * 1)',
         'tensor([-1.1113,  1.0507], grad_fn=<EluBackward1>)'),
    ],
    'sigmoid': [
        ('torch.nn.functional.sigmoid(torch.tensor([0., 2.]))', 'tensor([0.5000, 0.8808])'),
    ],
    'silu': [
        ('torch.nn.functional.silu(torch.tensor([-1., 0., 1.]))',
         'tensor([-0.2689,  0.0000,  0.7311])'),
    ],
    'smooth_l1_loss': [
        ('torch.nn.functional.smooth_l1_loss(torch.tensor([0., 3.]), torch.tensor([0.5, 0.]))',
         'tensor(1.3125)'),
        ('torch.nn.functional.smooth_l1_loss(torch.tensor([0., 3.]), torch.tensor([0.5, 0.]), beta=2.)',
         'tensor(1.0312)'),
        ('torch.nn.functional.smooth_l1_loss(torch.tensor([0., 3.]), torch.tensor([0.5, 0.]), beta=0.)',
         'tensor(1.7500)'),
    ],
    'soft_margin_loss': [
        ('torch.nn.functional.soft_margin_loss(torch.tensor([0., 2.]), torch.tensor([1., -1.]))',
         'tensor(1.4100)'),
        ("torch.nn.functional.soft_margin_loss(torch.tensor([0., 2.], requires_grad=True), torch.tensor([1., 1.]), reduction='sum')",
         'tensor(0.8201, grad_fn=<SoftMarginLossBackward0>)'),
    ],
    'softmax': [
        ('torch.nn.functional.softmax(torch.tensor([[0., 0.], [1., 3.]]), dim=-1)',
         'tensor([[0.5000, 0.5000],\n        [0.1192, 0.8808]])'),
        ("torch.nn.functional.softmax(torch.tensor([0., float('-inf')]), dim=0)",
         'tensor([1., 0.])'),
        ('torch.nn.functional.softmax(torch.tensor([1, 2]), dim=0, dtype=torch.float64)',
         'tensor([0.2689, 0.7311], dtype=torch.float64)'),
    ],
    'softmin': [
        ('torch.nn.functional.softmin(torch.tensor([0., 1.]), dim=0)',
         'tensor([0.7311, 0.2689])'),
        ('torch.nn.functional.softmin(torch.tensor([[0., 1.]], requires_grad=True), 1, dtype=torch.float64)',
         'tensor([[0.7311, 0.2689]], dtype=torch.float64, grad_fn=<SoftmaxBackward0>)'),
    ],
    'softplus': [
        ('torch.nn.functional.softplus(torch.tensor([0., 1.]))', 'tensor([0.6931, 1.3133])'),
        ('torch.nn.functional.softplus(torch.tensor([0., 1.]), beta=2, threshold=1)',
         'tensor([0.3466, 1.0000])'),
    ],
    'softshrink': [
        ('torch.nn.functional.softshrink(torch.tensor([-1., 0.25, 2.]))',
         'tensor([-0.5000,  0.0000,  1.5000])'),
        ('torch.nn.functional.softshrink(torch.tensor([-1., 2.], requires_grad=True), 1.)',
         'tensor([-0., 1.], grad_fn=<SoftshrinkBackward0>)'),
    ],
    'softsign': [
        ('torch.nn.functional.softsign(torch.tensor([-1., 0., 3.]))',
         'tensor([-0.5000,  0.0000,  0.7500])'),
        ('torch.nn.functional.softsign(torch.tensor([1, 3]))',
         'tensor([0.5000, 0.7500])'),
    ],
    'tanh': [
        ('torch.nn.functional.tanh(torch.tensor([0., 1.]))', 'tensor([0.0000, 0.7616])'),
    ],
    'tanhshrink': [
        ('torch.nn.functional.tanhshrink(torch.tensor([0., 1.]))',
         'tensor([0.0000, 0.2384])'),
        ('torch.nn.functional.tanhshrink(torch.tensor([-1., 2.], requires_grad=True))',
         'tensor([-0.2384,  1.0360], grad_fn=<SubBackward0>)'),
    ],
    'threshold': [
        ('torch.nn.functional.threshold(torch.tensor([-1., 0.5, 2.]), 0.5, 9.)',
         'tensor([9., 9., 2.])'),
        ('torch.nn.functional.threshold(torch.tensor([-2, 0, 3]), 1, 7, inplace=True)',
         'tensor([7, 7, 3])'),
    ],
    'threshold_': [
        ('torch.nn.functional.threshold_(torch.tensor([-1., 2.]), 0., -5.)',
         'tensor([-5.,  2.])'),
    ],
    'triplet_margin_loss': [
        ('torch.nn.functional.triplet_margin_loss(torch.zeros(1, 2), torch.zeros(1, 2), torch.ones(1, 2), eps=0.)',
         'tensor(0.)'),
        ("torch.nn.functional.triplet_margin_loss(torch.tensor([[0., 1.]], requires_grad=True), torch.tensor([[1., 1.]]), torch.tensor([[0., 2.]]), margin=2., p=1, swap=True, reduction='none')",
         'tensor([2.], grad_fn=<ClampMinBackward0>)'),
    ],
    'unfold': [
        ('torch.nn.functional.unfold(torch.arange(4.).view(1, 1, 2, 2), 1)',
         'tensor([[[0., 1., 2., 3.]]])'),
        ('torch.nn.functional.unfold(torch.arange(9., requires_grad=True).view(1, 1, 3, 3), 2, padding=0, stride=1)',
         'tensor([[[0., 1., 3., 4.],\n         [1., 2., 4., 5.],\n         [3., 4., 6., 7.],\n         [4., 5., 7., 8.]]], grad_fn=<Im2ColBackward0>)'),
    ],
    'upsample': [
        ('torch.nn.functional.upsample(torch.tensor([[[1., 2.]]]), scale_factor=2)',
         'tensor([[[1., 1., 2., 2.]]])'),
    ],
    'upsample_bilinear': [
        ('torch.nn.functional.upsample_bilinear(torch.tensor([[[[1., 2.], [3., 4.]]]]), size=3)',
         'tensor([[[[1.0000, 1.5000, 2.0000],\n          [2.0000, 2.5000, 3.0000],\n'
         '          [3.0000, 3.5000, 4.0000]]]])'),
    ],
    'upsample_nearest': [
        ('torch.nn.functional.upsample_nearest(torch.tensor([[[[1., 2.]]]]), scale_factor=2)',
         'tensor([[[[1., 1., 2., 2.],\n          [1., 1., 2., 2.]]]])'),
    ],
}

LINALG_EXAMPLES = {
    'cholesky': [
        ('torch.linalg.cholesky(torch.tensor([[4., 2.], [2., 3.]], requires_grad=True))',
         'tensor([[2.0000, 0.0000],\n        [1.0000, 1.4142]], grad_fn=<LinalgCholeskyExBackward0>)'),
        ('torch.linalg.cholesky(torch.tensor([[4., 2.], [2., 3.]]), upper=True)',
         'tensor([[2.0000, 1.0000],\n        [0.0000, 1.4142]])'),
    ],
    'cholesky_ex': [
        ('torch.linalg.cholesky_ex(torch.tensor([[1., 2.], [2., 1.]]))',
         'torch.return_types.linalg_cholesky_ex(\nL=tensor([[ 1.,  0.],\n        [ 2., -3.]]),\n'
         'info=tensor(2, dtype=torch.int32))'),
    ],
    'det': [
        ('a = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)',
         ''),
        ('torch.linalg.det(a)',
         'tensor(5., grad_fn=<LinalgDetBackward0>)'),
        ('torch.linalg.det(torch.tensor([[1., 2.], [2., 4.]]))',
         'tensor(-0.)'),
    ],
    'diagonal': [
        ('torch.linalg.diagonal(torch.arange(8.).view(2, 2, 2))',
         'tensor([[0., 3.],\n        [4., 7.]])'),
        ('torch.linalg.diagonal(torch.arange(6.).view(2, 3), offset=1)',
         'tensor([1., 5.])'),
    ],
    'eigh': [
        ('torch.linalg.eigh(torch.tensor([[2., 1.], [1., 2.]], requires_grad=True))',
         'torch.return_types.linalg_eigh(\neigenvalues=tensor([1., 3.], grad_fn=<LinalgEighBackward0>),\neigenvectors=tensor([[-0.7071,  0.7071],\n        [ 0.7071,  0.7071]], grad_fn=<LinalgEighBackward0>))'),
        ("torch.linalg.eigh(torch.tensor([[2., 9.], [1., 2.]]), UPLO='L').eigenvalues",
         'tensor([1., 3.])'),
    ],
    'eigvalsh': [
        ('torch.linalg.eigvalsh(torch.tensor([[2., 1.], [1., 2.]], requires_grad=True))',
         'tensor([1., 3.], grad_fn=<LinalgEighBackward0>)'),
        ("torch.linalg.eigvalsh(torch.tensor([[2., 1.], [9., 2.]]), UPLO='U')",
         'tensor([1., 3.])'),
    ],
    'matmul': [
        ('torch.linalg.matmul(torch.tensor([[1., 2.]]), torch.tensor([[3.], [4.]]))',
         'tensor([[11.]])'),
    ],
    'matrix_exp': [
        ('torch.linalg.matrix_exp(torch.tensor([[0., 1.], [-1., 0.]], requires_grad=True))',
         'tensor([[ 0.5403,  0.8415],\n        [-0.8415,  0.5403]], grad_fn=<LinalgMatrixExpBackward0>)'),
    ],
    'matrix_norm': [
        ('a = torch.tensor([[1., -2.], [3., 4.]], requires_grad=True)',
         ''),
        ('torch.linalg.matrix_norm(a)',
         'tensor(5.4772, grad_fn=<LinalgVectorNormBackward0>)'),
        ("torch.linalg.matrix_norm(a, 'nuc')",
         'tensor(7.0711, grad_fn=<SumBackward1>)'),
        ('torch.linalg.matrix_norm(a, 1)',
         'tensor(6., grad_fn=<AmaxBackward0>)'),
        ("torch.linalg.matrix_norm(a, -float('inf'))",
         'tensor(3., grad_fn=<AminBackward0>)'),
    ],
    'matrix_power': [
        ('a = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)',
         ''),
        ('torch.linalg.matrix_power(a, 3)',
         'tensor([[15., 20.],\n        [20., 35.]], grad_fn=<MmBackward0>)'),
        ('torch.linalg.matrix_power(a, -1)',
         'tensor([[ 0.6000, -0.2000],\n        [-0.2000,  0.4000]], grad_fn=<LinalgInvExBackward0>)'),
        ('torch.linalg.matrix_power(torch.tensor([[1, 1], [0, 1]]), 0)',
         'tensor([[1, 0],\n        [0, 1]])'),
    ],
    'multi_dot': [
        ('torch.linalg.multi_dot([torch.tensor([1., 2.]), torch.tensor([[1., 0.], [0., 2.]], requires_grad=True), torch.tensor([3., 4.])])',
         'tensor(19., grad_fn=<ViewBackward0>)'),
        ('torch.linalg.multi_dot([torch.eye(2), torch.ones(2, 3), torch.ones(3, 1)])',
         'tensor([[3.],\n        [3.]])'),
    ],
    'norm': [
        ('a = torch.tensor([[1., -2.], [3., 4.]], requires_grad=True)',
         ''),
        ('torch.linalg.norm(a)',
         'tensor(5.4772, grad_fn=<LinalgVectorNormBackward0>)'),
        ('torch.linalg.norm(a, 2)',
         'tensor(5.1167, grad_fn=<AmaxBackward0>)'),
        ('torch.linalg.norm(a, dim=1)',
         'tensor([2.2361, 5.0000], grad_fn=<LinalgVectorNormBackward0>)'),
        ('torch.linalg.norm(a, 3, dim=0, keepdim=True)',
         'tensor([[3.0366, 4.1602]], grad_fn=<LinalgVectorNormBackward0>)'),
    ],
    'pinv': [
        ('torch.linalg.pinv(torch.tensor([[1., 2.], [2., 4.], [0., 0.]], requires_grad=True))',
         'tensor([[0.0400, 0.0800, 0.0000],\n        [0.0800, 0.1600, 0.0000]], grad_fn=<LinalgPinvBackward0>)'),
        ('torch.linalg.pinv(torch.tensor([[2., 0.], [0., 1e-9]]), atol=1e-6)',
         'tensor([[0.5000, 0.0000],\n        [0.0000, 0.0000]])'),
    ],
    'qr': [
        ('torch.linalg.qr(torch.tensor([[3., 1.], [4., 2.]], requires_grad=True))',
         'torch.return_types.linalg_qr(\nQ=tensor([[-0.6000, -0.8000],\n        [-0.8000,  0.6000]], grad_fn=<LinalgQrBackward0>),\nR=tensor([[-5.0000, -2.2000],\n        [ 0.0000,  0.4000]], grad_fn=<LinalgQrBackward0>))'),
        ("torch.linalg.qr(torch.tensor([[3.], [4.]]), mode='complete')",
         'torch.return_types.linalg_qr(\nQ=tensor([[-0.6000, -0.8000],\n        [-0.8000,  0.6000]]),\nR=tensor([[-5.],\n        [ 0.]]))'),
    ],
    'slogdet': [
        ('torch.linalg.slogdet(torch.tensor([[1., 2.], [3., 4.]], requires_grad=True))',
         'torch.return_types.linalg_slogdet(\nsign=tensor(-1., grad_fn=<LinalgSlogdetBackward0>),\nlogabsdet=tensor(0.6931, grad_fn=<LinalgSlogdetBackward0>))'),
    ],
    'solve': [
        ('a = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)',
         ''),
        ('torch.linalg.solve(a, torch.tensor([[1.], [2.]]))',
         'tensor([[0.2000],\n        [0.6000]], grad_fn=<LinalgSolveExBackward0>)'),
        ('torch.linalg.solve(a, torch.tensor([1., 2.]))',
         'tensor([0.2000, 0.6000], grad_fn=<LinalgSolveExBackward0>)'),
        ('torch.linalg.solve(a, torch.tensor([[1., 2.]]), left=False)',
         'tensor([[0.2000, 0.6000]], grad_fn=<LinalgSolveExBackward0>)'),
    ],
    'solve_ex': [
        ('torch.linalg.solve_ex(torch.tensor([[2., 1.], [1., 3.]]), torch.tensor([[1.], [2.]]))',
         'torch.return_types.linalg_solve_ex(\nresult=tensor([[0.2000],\n        [0.6000]]),\ninfo=tensor(0, dtype=torch.int32))'),
    ],
    'solve_triangular': [
        ('a = torch.tensor([[2., 0.], [1., 1.]], requires_grad=True)', ''),
        ('torch.linalg.solve_triangular(a, torch.tensor([[2.], [3.]]), upper=False)',
         'tensor([[1.],\n        [2.]], grad_fn=<LinalgSolveTriangularBackward0>)'),
        ('torch.linalg.solve_triangular(a, torch.tensor([[2., 3.]]), upper=False, left=False)',
         'tensor([[-0.5000,  3.0000]], grad_fn=<LinalgSolveTriangularBackward0>)'),
    ],
    'inv': [
        ('torch.linalg.inv(torch.tensor([[2., 1.], [1., 3.]], requires_grad=True))',
         'tensor([[ 0.6000, -0.2000],\n        [-0.2000,  0.4000]], grad_fn=<LinalgInvExBackward0>)'),
    ],
    'inv_ex': [
        ('torch.linalg.inv_ex(torch.tensor([[1., 2.], [2., 4.]]))',
         'torch.return_types.linalg_inv_ex(\ninverse=tensor([[-inf, inf],\n        [inf, -inf]]),\ninfo=tensor(2, dtype=torch.int32))'),
        ('torch.linalg.inv_ex(torch.tensor([[4., 0.], [0., 2.]])).inverse',
         'tensor([[0.2500, 0.0000],\n        [0.0000, 0.5000]])'),
    ],
    'cross': [
        ('torch.linalg.cross(torch.tensor([[1., 0., 0.]]), torch.tensor([[0., 0., 1.]]))',
         'tensor([[ 0., -1.,  0.]])'),
    ],
    'svd': [
        ('torch.linalg.svd(torch.tensor([[3., 0.], [4., 5.]], requires_grad=True))',
         'torch.return_types.linalg_svd(\nU=tensor([[-0.3162, -0.9487],\n        [-0.9487,  0.3162]], grad_fn=<LinalgSvdBackward0>),\nS=tensor([6.7082, 2.2361], grad_fn=<LinalgSvdBackward0>),\nVh=tensor([[-0.7071, -0.7071],\n        [-0.7071,  0.7071]], grad_fn=<LinalgSvdBackward0>))'),
        ('[t.shape for t in torch.linalg.svd(torch.ones(3, 2), full_matrices=False)]',
         '[torch.Size([3, 2]), torch.Size([2]), torch.Size([2, 2])]'),
    ],
    'svdvals': [
        ('torch.linalg.svdvals(torch.tensor([[3., 0.], [4., 5.]], requires_grad=True))',
         'tensor([6.7082, 2.2361], grad_fn=<LinalgSvdBackward0>)'),
    ],
    'vander': [
        ('torch.linalg.vander(torch.tensor([1., 2., 3.], requires_grad=True))',
         'tensor([[1., 1., 1.],\n        [1., 2., 4.],\n        [1., 3., 9.]], grad_fn=<CatBackward0>)'),
        ('torch.linalg.vander(torch.tensor([2, 3]), N=4)',
         'tensor([[ 1,  2,  4,  8],\n        [ 1,  3,  9, 27]])'),
    ],
    'vecdot': [
        ('torch.linalg.vecdot(torch.tensor([[1., 2.], [3., 4.]], requires_grad=True), torch.tensor([1., -1.]))',
         'tensor([-1., -1.], grad_fn=<SumBackward1>)'),
    ],
    'vector_norm': [
        ('torch.linalg.vector_norm(torch.tensor([3., -4.], requires_grad=True))',
         'tensor(5., grad_fn=<LinalgVectorNormBackward0>)'),
        ('torch.linalg.vector_norm(torch.tensor([[1., -2.], [3., 4.]]), 1, dim=1)',
         'tensor([3., 7.])'),
        ('torch.linalg.vector_norm(torch.tensor([1., 0., 2.]), 0)',
         'tensor(2.)'),
        ("torch.linalg.vector_norm(torch.tensor([1., -3.]), float('inf'), dtype=torch.float64)",
         'tensor(3., dtype=torch.float64)'),
    ],
}
