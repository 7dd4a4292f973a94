"""Software prefetch for the kernels' random reads along CSR entries.

A kernel that walks a CSR row reads ``x[indices[e]]`` at scattered places: at a
million actors the array no longer fits in the cache, each read waits on main
memory, and a branch the processor mispredicts discards the reads it had started.
:func:`prefetch` asks the processor to fetch the cache line of an element that a
later iteration will read (``llvm.prefetch``: a hint, no effect on any value).
Reference: Intel 64 and IA-32 Architectures Optimization Reference Manual,
section "Software prefetching"; Lee, Kim & Vuduc (2012), *When prefetching
works, when it doesn't, and why*, ACM TACO 9(1):2.
"""

from __future__ import annotations

from llvmlite import ir  # type: ignore[import-untyped]
from numba import njit
from numba.core import cgutils, types
from numba.extending import intrinsic

#: how many CSR entries ahead the kernels prefetch (a main-memory latency of about
#: 100 ns over the 5-10 ns each entry takes once its data is in the cache)
PREFETCH_AHEAD = 16


@intrinsic
def prefetch(typingctx, arr, idx):
    """Prefetch the cache line of ``arr[idx]`` (1-D) or of row ``arr[idx, 0]`` (2-D).

    A hint for reading (``rw = 0``) with high temporal locality (3) into the data
    cache (1); it changes no value. Only callable from Numba code. An index outside
    the array (negative, or at or past its length) prefetches its first element (of
    a 2-D array, row 0) instead: the address of an element outside the array is never
    formed (past the end of a memory-mapped file it would name an unmapped page). The
    index is the caller's to compute within bounds: a kernel that reads
    ``indices[e + PREFETCH_AHEAD]`` to find it guards that read with
    ``e + PREFETCH_AHEAD < m`` (``tests/test_kernels_step.py`` runs the prefetching
    kernels under ``NUMBA_BOUNDSCHECK=1``, where an index read past the end is an
    ``IndexError``).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(10.0)
    >>> _prefetch_sum(x, np.array([3, 9, 0], dtype=np.int32))
    12.0
    """
    if not isinstance(arr, types.Array) or arr.ndim not in (1, 2):
        return None
    if not isinstance(idx, types.Integer):
        return None
    sig = types.void(arr, idx)

    def codegen(context, builder, signature, args):
        aryty, idxty = signature.args
        ary = context.make_array(aryty)(context, builder, args[0])
        i = context.cast(builder, args[1], idxty, types.intp)
        where = [i] + [context.get_constant(types.intp, 0)] * (aryty.ndim - 1)
        shape = cgutils.unpack_tuple(builder, ary.shape, count=aryty.ndim)
        # an index outside [0, length) on some axis becomes 0 on that axis (one unsigned
        # compare: a negative index is a huge unsigned one), so the address is always
        # within the array (a select, not a branch: branch-free like its callers)
        where = [
            builder.select(builder.icmp_unsigned("<", ind, length), ind, ind.type(0))
            for ind, length in zip(where, shape)
        ]
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, where, wraparound=False)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        builder.call(fn, [builder.bitcast(ptr, i8p), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return sig, codegen


@njit(cache=True, nogil=True)
def _prefetch_sum(x, idx):
    """``sum(x[idx])`` with each read prefetched ahead (the doctest of :func:`prefetch`)."""
    total = 0.0
    m = idx.shape[0]
    for e in range(m):
        if e + PREFETCH_AHEAD < m:
            prefetch(x, idx[e + PREFETCH_AHEAD])
        total += x[idx[e]]
    return total
