"""Matrix views of a cluster network: CSR per layer and direction, neighbour lists, supra-adjacency.

:class:`NetworkViews` adds the cached views to :class:`~clusternet._network_data.NetworkData`;
users meet them as methods of :class:`~clusternet.ClusterNetwork`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from clusternet._network_data import NetworkData
from clusternet._validate import show
from clusternet.kernels.csr import build_csr, build_pattern

_DIRECTIONS = ("out", "in", "both")


class NetworkViews(NetworkData):
    """A cluster network's cached matrix views (the methods of :class:`~clusternet.ClusterNetwork`)."""

    __slots__ = ()

    # ------------------------------------------------------------------ views
    def layer_weight_vector(
        self,
        layers: str | Iterable[str] | None = None,
        layer_weights: Mapping[str, float] | Sequence[float] | None = None,
    ) -> np.ndarray:
        """One multiplier per layer code: ``layer_weights`` for the chosen layers, 0 elsewhere.

        ``layer_weights`` is a dict by layer name (unnamed chosen layers get 1)
        or one value per chosen layer; values must be finite and >= 0.

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        layer_weights : dict of str to float or sequence of float, optional
            Multipliers of the chosen layers (default 1 each).

        Returns
        -------
        ndarray of float64, shape (n_layers,)
            Indexed by layer code.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.layer_weight_vector('social').tolist()
        [0.0, 1.0]
        >>> net.layer_weight_vector(None, {'transaction': 2.0, 'social': 0.5}).tolist()
        [2.0, 0.5]
        """
        codes = self.layer_codes(layers)
        lw = np.zeros(len(self._layers), dtype=np.float64)
        if layer_weights is None:
            lw[codes] = 1.0
        elif isinstance(layer_weights, Mapping):
            unknown = set(layer_weights) - {self._layers[c] for c in codes}
            if unknown:
                raise ValueError(
                    f"layer_weights names layers {sorted(unknown)} that are not among the chosen layers "
                    f"{[self._layers[c] for c in codes]}"
                )
            lw[codes] = 1.0
            for name, value in layer_weights.items():
                value = float(value)
                if not np.isfinite(value) or value < 0:
                    raise ValueError(
                        f"layer weight of {show(name)} must be finite and >= 0, got {show(value)}"
                    )
                lw[self._layers.index(name)] = value
        else:
            values = np.asarray(layer_weights, dtype=np.float64)
            if values.shape != codes.shape:
                raise ValueError(
                    f"layer_weights has {values.size} values for {codes.size} chosen layers"
                )
            if not np.all(np.isfinite(values)) or (values < 0).any():
                raise ValueError(f"layer weights must be finite and >= 0, got {values.tolist()}")
            lw[codes] = values
        return lw

    def csr(
        self,
        layers: str | Iterable[str] | None = None,
        layer_weights: Mapping[str, float] | Sequence[float] | None = None,
        direction: str = "out",
        dtype=np.float64,
    ) -> sp.csr_array:
        r"""Adjacency of the chosen layers as a cached ``scipy.sparse.csr_array``.

        Entry :math:`(i, j)` is :math:`A_{ij} = \sum_l \lambda_l\, w_l(i \to j)` over the
        chosen layers :math:`l`, with :math:`\lambda_l` = ``layer_weights[l]`` and
        :math:`w_l(i \to j)` the tie's weight. Undirected layers count in both orientations; parallel
        edges are summed. ``direction="out"`` puts sources on rows, ``"in"`` puts
        targets on rows (the transpose), ``"both"`` ignores direction
        (:math:`A + A^\top` for directed layers).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        layer_weights : dict of str to float or sequence of float, optional
            Multiplier :math:`\lambda_l` of each chosen layer (default 1), as in
            :meth:`layer_weight_vector`.
        direction : {"out", "in", "both"}, default "out"
            Orientation of directed layers, as above.
        dtype : numpy dtype, default float64
            Value type of the matrix.

        Returns
        -------
        scipy.sparse.csr_array, shape (n_actors, n_actors)
            :math:`A_{ij} = \sum_l \lambda_l\, w_l(i \to j)`, with sorted indices and
            summed duplicates; cached per arguments, so treat it as read-only.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": "transaction"})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> print(net.csr("transaction").toarray())
        [[0. 1. 0.]
         [0. 0. 1.]
         [0. 0. 0.]]
        >>> print(net.csr("transaction", direction="both").toarray())
        [[0. 1. 0.]
         [1. 0. 1.]
         [0. 1. 0.]]
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f"direction must be one of {_DIRECTIONS}, got {show(direction)}")
        lw = self.layer_weight_vector(layers, layer_weights)
        key = ("csr", tuple(lw.tolist()), direction, np.dtype(dtype).str)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        symmetric = self._symmetric_layers(direction)
        self._check_mapped()
        indptr, indices, data = build_csr(
            self.n_actors,
            self._source,
            self._target,
            self._weight,
            self._layer,
            lw,
            symmetric,
            transpose=(direction == "in"),
        )
        if np.dtype(dtype) != np.float64:
            data = data.astype(dtype)
        if indices.shape[0] < np.iinfo(np.int32).max:
            # scipy would otherwise upcast the column indices to int64 to match indptr
            indptr = indptr.astype(np.int32)
        matrix = sp.csr_array((data, indices, indptr), shape=(self.n_actors, self.n_actors))
        matrix.has_sorted_indices = True
        self._cache[key] = matrix
        return matrix

    def _symmetric_layers(self, direction: str) -> np.ndarray:
        """Per layer: whether a view in ``direction`` holds its ties both ways."""
        return np.array([(not d) or direction == "both" for d in self._directed], dtype=np.bool_)

    def neighbour_lists(
        self, layers: str | Iterable[str] | None = None, direction: str = "out"
    ) -> tuple[np.ndarray, np.ndarray]:
        """Who is tied to whom in the chosen layers, without weights (cached).

        The sparsity pattern of :meth:`csr` with the same ``layers`` and
        ``direction``: ``indices[indptr[i]:indptr[i + 1]]`` are the distinct
        neighbours of actor ``i``, sorted. Built by the same counting sort
        without values (about half the memory traffic), for traversals that
        need no weights (BFS, cascades, counts).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        direction : {"out", "in", "both"}, default "out"
            Orientation of directed layers, as in :meth:`csr`.

        Returns
        -------
        indptr : ndarray of int64, shape (n_actors + 1,)
        indices : ndarray of int32

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> indptr, indices = net.neighbour_lists('transaction')
        >>> indptr.tolist(), indices.tolist()
        ([0, 1, 2, 2], [1, 2])
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f"direction must be one of {_DIRECTIONS}, got {show(direction)}")
        chosen = (self.layer_weight_vector(layers) > 0).astype(np.float64)
        key = ("pattern", tuple(chosen.tolist()), direction)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        symmetric = self._symmetric_layers(direction)
        self._check_mapped()
        pattern = build_pattern(
            self.n_actors,
            self._source,
            self._target,
            self._layer,
            chosen,
            symmetric,
            transpose=(direction == "in"),
        )
        for array in pattern:
            array.flags.writeable = False
        self._cache[key] = pattern
        return pattern

    def supra(self, omega: float = 1.0, layers: Iterable[str] | None = None) -> sp.csr_array:
        r"""Supra-adjacency matrix of the multiplex (De Domenico et al. 2013).

        Block :math:`(a, a)` is the adjacency :math:`A^{(a)}` of layer :math:`a` (as
        :meth:`~clusternet.ClusterNetwork.csr`, ``direction="out"``); block :math:`(a, b)`,
        :math:`a \ne b`, is :math:`\omega I_N` (categorical inter-layer coupling of each
        actor with its replicas). Layers are in :attr:`~clusternet.ClusterNetwork.layers`
        order (or the order given). Shape :math:`(LN, LN)` for :math:`L` layers of
        :math:`N` actors.

        Parameters
        ----------
        omega : float, default 1.0
            Inter-layer coupling :math:`\omega \ge 0` between an actor's replicas.
        layers : iterable of str, optional
            Layers (blocks) in the order wanted; all layers when None.

        Returns
        -------
        scipy.sparse.csr_array, shape (L * N, L * N)
            The supra-adjacency :math:`\mathcal{A} = \bigoplus_a A^{(a)} + \omega\, (J_L - I_L) \otimes I_N`.

        Examples
        --------
        Two layers of three actors: the layer blocks on the diagonal, :math:`\omega I`
        off it.

        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> print(net.supra(omega=1.0).toarray())
        [[0. 1. 0. 1. 0. 0.]
         [0. 0. 1. 0. 1. 0.]
         [0. 0. 0. 0. 0. 1.]
         [1. 0. 0. 0. 0. 1.]
         [0. 1. 0. 0. 0. 0.]
         [0. 0. 1. 1. 0. 0.]]
        """
        omega = float(omega)
        if not np.isfinite(omega) or omega < 0:
            raise ValueError(f"omega must be finite and >= 0, got {show(omega)}")
        names = (
            list(self._layers)
            if layers is None
            else [self._layers[c] for c in self.layer_codes(layers)]
        )
        n = self.n_actors
        blocks = []
        for a, name_a in enumerate(names):
            row = []
            for b in range(len(names)):
                if a == b:
                    row.append(self.csr(name_a))
                elif omega != 0:
                    row.append(sp.identity(n, format="csr") * omega)
                else:
                    row.append(None)
            blocks.append(row)
        if len(names) == 1:
            return sp.csr_array(self.csr(names[0]))
        return sp.csr_array(sp.block_array(blocks, format="csr"))
