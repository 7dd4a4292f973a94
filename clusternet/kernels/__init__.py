"""Numba kernels on plain arrays.

Kernels know nothing of pandas, igraph or :class:`~clusternet.ClusterNetwork`; they
take CSR arrays (``indptr`` int64, ``indices`` uint32, ``data`` float64), vectors and
integer seeds, trust their input, and are public so that other models can call
them directly. The wrappers in the analysis modules validate input once.
"""

from clusternet.kernels.csr import build_csr, csr_from_coo, kernel_arrays

__all__ = ["build_csr", "csr_from_coo", "kernel_arrays"]
