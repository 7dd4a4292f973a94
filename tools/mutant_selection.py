"""Which tests each module's mutants run against (the selection of ``tools/mutants.py``).

:data:`SAMPLED` maps a module name to the file to mutate and the pytest arguments that
select its fast tests: for the kernels, the tests against independent references
(igraph, networkx, scipy, closed forms, brute force) of the functions that call them;
for the wrappers, measures and the model, their own test modules and doctests.
:data:`MODULES` is mutmut's selection (``--mutmut``), one module's tests each.
:data:`DOCUMENTED_DEFAULTS` adds the documented-defaults case of each public API a
module carries. ``python tools/mutants.py --list`` prints the selection.
"""

from __future__ import annotations

#: module name -> (file to mutate, test files that exercise it)
MODULES: dict[str, tuple[str, list[str]]] = {
    "composite": (
        "clusternet/measures/composite.py",
        [
            f"tests/test_measures.py::{name}"
            for name in (
                "test_normalisations_by_hand",
                "test_aggregations_by_hand",
                "test_geometric_is_zero_when_a_component_is_zero",
                "test_composite_errors",
                "test_sobol_additive_model",
                "test_sensitivity_of_a_ranking",
                "test_normalize_survives_values_near_float_max",
                "test_composite_index_refuses_inf_and_names_it",
            )
        ]
        + ["tests/test_composite_mutants.py"],
    ),
    "screening": (
        "clusternet/measures/screening.py",
        ["tests/test_screening.py", "--doctest-modules", "clusternet/measures/screening.py"],
    ),
    "capacity": (
        "clusternet/measures/capacity.py",
        [
            f"tests/test_measures.py::{name}"
            for name in ("test_cluster_summary_takes_sizes_as_a_list_and_names_bad_sizes",)
        ]
        + ["tests/test_capacity_mutants.py"],
    ),
    "centrality": (
        "clusternet/centrality.py",
        # round 13: the Katz tests (the divergence message) run in about 8 s
        [
            "tests/test_centrality.py",
            "tests/test_fuzz_centrality.py",
            "tests/test_centrality_katz.py",
        ],
    ),
    "spectral_centrality": (
        "clusternet/spectral_centrality.py",
        [
            "tests/test_centrality.py",
            "tests/test_fuzz_centrality.py",
            "tests/test_centrality_katz.py",
            "tests/test_centrality_eigen.py",
        ],
    ),
    "diffusion": (
        "clusternet/diffusion.py",
        ["tests/test_diffusion.py", "tests/test_fuzz_diffusion.py"],
    ),
    **{
        name: (
            path,
            [
                "tests/test_centrality.py",
                "tests/test_degenerate.py::test_degenerate_case",  # the page test needs docs/
                "tests/test_structure_mutants.py",
            ],
        )
        for name, path in (
            ("structure", "clusternet/structure.py"),
            ("structural_holes", "clusternet/structural_holes.py"),
            ("multilayer_measures", "clusternet/multilayer_measures.py"),
            ("cluster_profile", "clusternet/cluster_profile.py"),
        )
    },
}


def _k(*words: str) -> list[str]:
    return ["-k", " or ".join(words)]


_CEN = "tests/test_centrality.py"
_DYN = [
    "tests/test_dynamics.py",
    "tests/test_dynamics_model.py",
    "tests/test_dynamics_market.py",
    "tests/test_dynamics_brand.py",
    "tests/test_dynamics_platform.py",
    "tests/test_dynamics_generic.py",
    "tests/test_dynamics_crn.py",
]
_MEASURES = "tests/test_measures.py"
#: the fast tests of a model step: the recorded 60-firm runs with every mechanism on, the
#: typed state, keyed draws, turnover and imitation tests, the common-random-number tests
_STEP = [
    "tests/test_kernels_step.py::test_short_run_with_every_mechanism_on_is_unchanged",
    "tests/test_kernels_step.py::test_short_run_with_the_name_withdrawal_is_unchanged",
    "tests/test_dynamics_model.py",
    "tests/test_dynamics_crn.py",
]

#: a dynamics module's own tests outside the step selection
_OWN = {
    "evolution": [
        "tests/test_dynamics.py::test_network_evolution_decays_and_forms_technology_ties",
        "tests/test_evolution_tie_choice.py",  # round 22: the opt-in tie choice
    ],
    "parameters": ["tests/test_dynamics.py::test_parameters_validated_and_documented"],
    # seed 2043: the provision columns' catchment average (sum n_p S_p / sum n_p) taken as
    # a product survived; their by-hand recomputation lives with the platform's tests
    "reporters": [
        "tests/test_dynamics_platform.py::test_provision_columns_recompute_the_choice_by_hand",
        "tests/test_dynamics_platform.py::test_provision_columns_are_nan_without_a_catchment",
    ],
}

#: a mechanism's own tests outside the step selection
_MECHANISM_OWN = {
    # seed 2046: an entrant's fresh cost type read a wrong axis; only the selection tests
    # (entry and exit with cost types) run turnover with cost_dispersion > 0
    "turnover": ["tests/test_dynamics_selection.py"],
    # seed 2041: the demand step skipping the ladder weight under market pressure survived
    "demand": [
        "tests/test_dynamics_pressure.py::"
        "test_pressure_reweights_the_buyers_allocation_by_the_ladder_closed_form"
    ],
}


def _doctests(path: str) -> list[str]:
    """The module's docstring examples (``make test`` runs them with ``--doctest-modules``)."""
    return ["--doctest-modules", path]


#: module name -> (file to mutate, pytest arguments that select its fast tests). For the
#: kernels these are the tests against independent references (igraph, networkx, scipy,
#: closed forms, brute force) of the functions that call them; slow hypothesis sweeps left out.
SAMPLED: dict[str, tuple[str, list[str]]] = {
    # kernels (JIT on; the mutated module recompiles in the scratch copy)
    # round 8: node ids, not an -k filter over test_centrality.py, so that the eigenvector
    # power path (symmetric_power, against dense LAPACK) and Katz's stop-on-growth (against
    # dense solves) are in the selection: about 20 s of tests with the Numba cache warm
    "k_linalg": (
        "clusternet/kernels/linalg.py",
        [
            "tests/test_linalg_kernels.py",
            "tests/test_centrality_eigen.py",
            "tests/test_centrality_katz.py",
            *[
                f"{_CEN}::{name}"
                for name in (
                    "test_pagerank_matches_igraph_prpack",
                    "test_personalised_pagerank_with_dangling_nodes_matches_igraph",
                    "test_katz_matches_networkx",
                    "test_eigenvector_matches_igraph",
                    "test_katz_default_alpha_is_scale_invariant",
                    "test_eigenvector_self_loops_only",
                )
            ],
        ],
    ),
    "k_paths": (
        "clusternet/kernels/paths.py",
        [
            "tests/test_paths_kernels.py",
            _CEN,
            _MEASURES,
            *_k(
                "test_paths",
                "live_edge_cascade_curves",
                "harmonic_matches_igraph",
                "betweenness_unweighted_matches_igraph",
                "betweenness_weighted_matches_igraph",
                "brandes_with_small_successor_budget",
                "betweenness_buffers_stay_in_bounds",
                "direction_optimising_brandes",
                "zero_weight_edge",
                "harmonic_weighted_undirected",
            ),
        ],
    ),
    "k_dijkstra": (
        "clusternet/kernels/dijkstra.py",
        [
            "tests/test_paths_kernels.py",
            _CEN,  # (tests/test_measures.py has no test of a weighted path: not listed)
            *_k(
                "test_paths_kernels",  # the whole file (round 17: the split left it out)
                "dijkstra",  # the module's doctests
                "harmonic_matches_igraph",
                "betweenness_weighted_matches_igraph",
                "zero_weight_edge",
                "harmonic_weighted_undirected",
            ),
            *_doctests("clusternet/kernels/dijkstra.py"),
        ],
    ),
    "k_structural": (
        "clusternet/kernels/structural.py",
        [
            "tests/test_structure_mutants.py",
            _CEN,
            _MEASURES,
            *_k("constraint", "effective_size", "transitivity_kernel"),
        ],
    ),
    "k_spillover": (
        "clusternet/kernels/spillover.py",
        [
            "tests/test_spillover.py",
            "tests/test_kernels_step.py::test_prefetching_kernels_read_no_index_past_the_end_under_boundscheck[gap_step]",  # round 8 (issue 30): the prefetch guard under boundscheck
            *_k(
                "gap_step",
                "nothing_moves",
                "tacit",
                "converges",
                "barter_trades",
                "barter_result_independent_of_record_every",  # round 21: seed 2040's L195
                "operator_on_a_small_cluster",
                "assemble_rows",
            ),
        ],
    ),
    # round 7: the recorded runs with every mechanism on (a changed draw or rent changes
    # their hash), the closed forms of the hazard, the market rents and the keyed draws,
    # and the module's doctests; an -k filter over the three files (round 5) left out the
    # market and draw kernels, and the first six mutants sampled all survived it
    "k_dynamics": (
        "clusternet/kernels/dynamics.py",
        [
            *_STEP,
            *[
                f"tests/test_dynamics.py::{name}"
                for name in (
                    "test_nothing_moves_without_spillover_innovation_imitation",
                    "test_innovation_frequency_matches_hazard",
                    "test_hazard_formula",
                )
            ],
            "tests/test_dynamics_platform.py::test_innovation_kernel_draws_applied_domains_only",
            *[
                f"tests/test_dynamics_market.py::{name}"
                for name in (
                    "test_margin_and_share_closed_form_on_a_hand_computed_market",
                    "test_a_monopolists_incentive_is_the_schumpeterian_rent",
                    "test_escape_competition_and_schumpeterian_effect",
                    "test_imitation_erodes_the_innovators_rent",
                    "test_rival_imitation_lookup_matches_brute_force",
                    "test_no_competitors_no_pressure_and_no_escape_effect",
                    "test_ladder_rent_of_fractional_and_negative_leads_closed_form",
                    "test_a_laggards_step_is_worth_only_its_gain_in_logit_share",
                    "test_a_close_laggards_step_leapfrogs_its_rival",
                )
            ],
            "tests/test_dynamics_kernels.py",
            # round 8 (issue 30): market_rents' prefetch guard under NUMBA_BOUNDSCHECK=1
            "tests/test_kernels_step.py::test_prefetching_kernels_read_no_index_past_the_end_under_boundscheck[market_rents]",
            # round 18: the lagging fringe (market_rents' fringe paths, fringe_catch_up)
            "tests/test_kernels_step.py::test_market_rents_matches_a_rival_by_rival_reference",
            "tests/test_dynamics_fringe.py",
            *_doctests("clusternet/kernels/dynamics.py"),
        ],
    ),
    "k_spatial": (
        "clusternet/kernels/spatial.py",
        [
            "tests/test_generate.py",
            *_k(
                "social_tie_probability",
                "cell_order",
                "no_self_loops",
                "kept_draws",
                "competition_tie_count",
                "transaction_closure",
                "triadic_closure_proposes",
                "triadic_closure_probability",  # round 16 (seed 2034): strict at the draw
                "embedded_partners_draw",
                "group_mix_and_attractiveness",
                "gamma_two_distance",
                "grid_index",  # round 12 (issue 30): grid_index's prefix has len(members) + 1
                "pick_in_the_cell",  # round 15 (seed 2033): a local draw picks in its cell
                "pick_actor_zero",  # seed 2038: a local pick of actor 0 is a partner
                "far_edges",  # seed 2038: the grid is half-open, [x0, x0 + nx cell)
                "documented_stream",  # seed 2041: the local draw replayed from its stream
            ),
        ],
    ),
    "k_targeting": (
        "clusternet/kernels/targeting.py",
        ["tests/test_targeting.py", "-k", "not command_line and not thread"],
    ),
    "k_diffusion": (
        "clusternet/kernels/diffusion.py",
        [
            "tests/test_diffusion.py",
            "tests/test_diffusion_kernels.py",  # round 9: the kernels called directly
            *_k(
                "diffusion_kernels",
                "heat_matches",
                "brute_force",
                "path_and_star",
                "exact",
                "bass_complete_graph",
                "bass_without_imitation",
                "chebyshev",
                "huge_t",
                "extreme_weights",
                "many_columns",
                "taylor",
            ),
        ],
    ),
    # round 6: the tests of test_network.py that call these kernels (against scipy)
    "k_adjacency": (
        "clusternet/kernels/adjacency.py",
        ["tests/test_network.py", *_k("neighbour_bits", "partners_within")],
    ),
    "k_patterns": (
        "clusternet/kernels/patterns.py",
        ["tests/test_network.py", *_k("pattern", "neighbour_lists")],
    ),
    "k_csr": ("clusternet/kernels/csr.py", ["tests/test_csr.py", "tests/test_network.py"]),
    "k_buckets": ("clusternet/kernels/buckets.py", ["tests/test_csr.py"]),
    # round 33: the allocator setting, against page-fault counts and glibc's mallinfo2
    "process_memory": ("clusternet/process_memory.py", ["tests/test_process_memory.py"]),
    # round 32: gini's radix sort, against numpy.sort
    "k_radix": ("clusternet/kernels/radix.py", ["tests/test_radix.py"]),
    # round 32: the network round's compaction and keyed walk, against numpy and a loop
    "k_tie_round": (
        "clusternet/kernels/tie_round.py",
        ["tests/test_tie_round.py", "tests/test_evolution_mutants.py"],
    ),
    "k_kadabra": (
        "clusternet/kernels/kadabra.py",
        ["tests/test_kadabra_kernels.py", _CEN, *_k("approximate", "sampled", "kadabra")],
    ),
    # rng is inlined into other modules' kernels, whose Numba cache in the scratch copy would
    # not see a mutant: run it with --nojit, where the diffusion kernels (an intrinsic not
    # usable in pure Python) cannot run; its direct tests are test_rng_kernels.py
    "k_rng": (
        "clusternet/kernels/rng.py",
        ["tests/test_rng_kernels.py", _MEASURES, *_k("live_edge_cascade_curves", "rng")],
    ),
    # the prefetch intrinsic's own test kernel (_prefetch_sum, compiled in this module, so a
    # mutant recompiles it) and the doctests; round 8 (issue 30): the three prefetching
    # kernels under NUMBA_BOUNDSCHECK=1 in a child with a fresh Numba cache, where a mutant
    # of the intrinsic also reaches market_rents and gap_step (the parent's cached step
    # kernels keep the unmutated intrinsic inlined)
    "k_memory": (
        "clusternet/kernels/memory.py",
        [
            "tests/test_kernels_step.py::test_prefetching_kernels_read_no_index_past_the_end_under_boundscheck",
            "tests/test_kernels_step.py::test_prefetch_compiles_to_a_read_hint_of_an_index_clamped_into_the_array",
            "tests/test_kernels_step.py::test_prefetch_is_a_hint_that_changes_no_value",
            "tests/test_kernels_step.py::test_prefetch_accepts_a_two_dimensional_array_by_row",
            "tests/test_kernels_step.py::test_prefetch_is_typed_only_for_the_arrays_it_documents",
            *_doctests("clusternet/kernels/memory.py"),
        ],
    ),
    # measures/
    "composite": ("clusternet/measures/composite.py", MODULES["composite"][1]),
    "capacity": ("clusternet/measures/capacity.py", MODULES["capacity"][1]),
    "screening": ("clusternet/measures/screening.py", MODULES["screening"][1]),
    # the component formulas by hand on a ten-actor cluster (about 30 s with the import),
    # not the preset and hypothesis tests of test_measures.py (over four minutes unmutated)
    "readiness": (
        "clusternet/measures/readiness.py",
        [
            "tests/test_readiness_mutants.py",
            *[
                f"{_MEASURES}::{name}"
                for name in (
                    "test_free_riding_exposure_lowers_readiness",
                    "test_readiness_names_bad_arguments",
                    "test_readiness_weights_default_equal_and_bad_values",
                )
            ],
        ],
    ),
    # analysis wrappers
    # the wrappers' reference and error tests; the hypothesis sweeps against dense
    # matrices and the sampled-betweenness statistics are left to `make test`
    # round 8: with the Katz and eigenvector wrapper tests of their own files (the
    # stop-on-growth resume, the power path and its ARPACK fallback, the spectral radius
    # cache), which the selection had left out
    # round 19: centrality.py split; spectral_centrality (spectral radius, Katz,
    # eigenvector) keeps centrality's selection
    **{
        name: (
            path,
            [
                _CEN,
                "tests/test_centrality_katz.py",
                "tests/test_centrality_eigen.py",
                "-k",
                "not matches_dense and not participation_and_overlap_dense and not betweenness"
                " and not constraint and not effective_size and not harmonic and not sampl",
            ],
        )
        for name, path in (
            ("centrality", "clusternet/centrality.py"),
            ("spectral_centrality", "clusternet/spectral_centrality.py"),
        )
    },
    "diffusion": (
        "clusternet/diffusion.py",
        [
            "tests/test_diffusion.py",
            "-k",
            "not heat and not bessel and not bass and not cynetdiff and not thread",
        ],
    ),
    # round 19: structure.py split into structural_holes, multilayer_measures and
    # cluster_profile (structure.py re-exports them); each keeps structure's selection
    **{
        name: (
            path,
            [
                "tests/test_structure_mutants.py",
                *[
                    f"{_CEN}::{name}"
                    for name in (
                        "test_constraint_with_hub_contacts_matches_igraph",
                        "test_constraint_matches_igraph",
                        "test_effective_size_matches_networkx",
                        "test_participation_hand_case",
                        "test_constraint_and_effective_size_share_the_weighted_default",
                    )
                ],
                # profile's hand counts and its service coverage (round 12: a held-out mutant
                # of service_coverage survived the selection without them)
                "tests/test_measures.py::test_profile_hand_counts",
                "tests/test_measures.py::test_removing_service_ties_sets_coverage_to_zero",
            ],
        )
        for name, path in (
            ("structure", "clusternet/structure.py"),
            ("structural_holes", "clusternet/structural_holes.py"),
            ("multilayer_measures", "clusternet/multilayer_measures.py"),
            ("cluster_profile", "clusternet/cluster_profile.py"),
        )
    },
    # the wrapper's validation, summary and reference tests; the dense-reference and
    # permutation sweeps (15-25 s each under load) are left to `make test`
    "spillover": (
        "clusternet/spillover.py",
        [
            "tests/test_spillover.py",
            "tests/test_spillover_mutants.py",
            # the documented degenerate cases of summarize (docs/degenerate.md)
            "tests/test_degenerate.py::test_degenerate_case[spillover.summarize[empty]]",
            "-k",
            "not thread and not gap_step_matches_dense and not permuting_actors",
        ],
    ),
    "targeting": (
        "clusternet/targeting.py",
        ["tests/test_targeting.py", "-k", "not command_line and not thread"],
    ),
    "path_centrality": (
        "clusternet/path_centrality.py",
        [
            _CEN,
            # round 14 (held-out seed 2031): the sample-size cap is checked by the fuzz test
            "tests/test_fuzz_paths.py::test_approximate_betweenness_epsilon_too_small_to_count_is_named",
            *_k("harmonic", "betweenness", "brandes", "zero_weight", "source_sampling", "kadabra"),
        ],
    ),
    "heat": (
        "clusternet/heat.py",
        ["tests/test_diffusion.py", "-k", "(heat or bessel) and not thread"],
    ),
    # round 29: the expansions split out of heat.py, with heat's tests
    "heat_expansions": (
        "clusternet/_heat_expansions.py",
        ["tests/test_diffusion.py", "-k", "(heat or bessel) and not thread"],
    ),
    # dynamics/: the mechanisms with closed-form tests get those; the rest the model's tests
    "d_imitation": (
        "clusternet/dynamics/imitation.py",
        [
            "tests/test_dynamics_model.py",
            "tests/test_dynamics.py",
            "tests/test_imitation_operator.py",  # round 32: the rule, brute force
            *_k("imitat", "nothing_moves"),
        ],
    ),
    "d_market": (
        "clusternet/dynamics/market.py",
        [
            "tests/test_dynamics_market.py",
            "tests/test_dynamics_pressure.py",  # round 13: share_instability's brute force
            "tests/test_dynamics_fringe.py",  # round 18: the lagging fringe
            *_k(
                "fringe",
                "closed_form",
                "schumpeterian_rent",
                "escape_competition",
                "imitation_erodes",
                "rival_imitation_lookup",
                "rival_imitation_of",  # round 8 (issue 30)
                "classify_shape",
                "share_instability_is_half",
                "laggards_step",  # round 19: a laggard's gain, closed form
            ),
        ],
    ),
    # round 6: the model, its state, draws, reporters and network evolution, and the
    # mechanisms, each with the fast model tests (a 60-firm run with every mechanism on
    # against its recorded hash, the keyed-draw and turnover tests: about 40 s with the
    # import) and the module's own doctests (part of `make test`)
    **{
        f"d_{m}": (
            f"clusternet/dynamics/{m}.py",
            [
                *_STEP,
                *_OWN.get(m, []),
                f"tests/test_{m}_mutants.py",
                *_doctests(f"clusternet/dynamics/{m}.py"),
            ],
        )
        for m in ("model", "state", "draws", "reporters", "evolution", "parameters")
    },
    # round 16: SimulationResult moved out of dynamics/model.py into its own module
    "d_result": (
        "clusternet/dynamics/result.py",
        [
            *_doctests("clusternet/dynamics/result.py"),
            "tests/test_dynamics.py",
            "-k",
            "result or parquet or plot or timeseries",
        ],
    ),
    **{
        f"m_{m}": (
            f"clusternet/dynamics/mechanisms/{m}.py",
            [
                *_STEP,
                "tests/test_mechanisms_mutants.py",
                *_MECHANISM_OWN.get(m, []),
                *_doctests(f"clusternet/dynamics/mechanisms/{m}.py"),
            ],
        )
        for m in (
            "brand",
            "innovation",
            "demand",
            "platform",
            "network",
            "training",
            "intermediaries",
            "turnover",
            "spillover",
            "imitation",
            "market",
            "_base",
        )
    },
    # round 5: fast selections (closed forms and small networks, a few seconds of tests
    # each); the simulations of a preset cluster (test_squeeze_raises_innovation_monotonically,
    # test_result_table_and_outputs, test_a_firm_alone_does_not_free_ride_at_the_defaults,
    # test_turnover_does_not_select_on_reputation, the platform's under-provision sweep:
    # 7-19 s each) are left to `make test`
    "d_brand": (
        "clusternet/dynamics/brand.py",
        [
            "tests/test_dynamics_brand.py",
            "tests/test_brand_mutants.py",
            *[
                f"tests/test_dynamics.py::{name}"
                for name in (
                    "test_quality_choice_is_a_logit_best_response",
                    "test_reputation_recurrence_exact",
                    "test_margins_formula",
                    "test_monitoring_with_penalty_makes_quality_high",
                    "test_without_premium_or_governance_high_quality_dies_out",
                )
            ],
            "-k",
            "not free_ride_at_the_defaults and not turnover_does_not_select",
        ],
    ),
    "d_innovation": (
        "clusternet/dynamics/innovation.py",
        [
            "tests/test_dynamics_generic.py",
            "tests/test_innovation_mutants.py",
            *[
                f"tests/test_dynamics.py::{name}"
                for name in (
                    "test_nothing_moves_without_spillover_innovation_imitation",
                    "test_innovation_frequency_matches_hazard",
                    "test_hazard_formula",
                )
            ],
            *[
                f"tests/test_dynamics_platform.py::{name}"
                for name in (
                    "test_innovation_kernel_draws_applied_domains_only",
                    "test_a_firm_far_behind_innovates_less_however_large_its_rd",
                )
            ],
        ],
    ),
    "d_platform": (
        "clusternet/dynamics/platform.py",
        [
            "tests/test_dynamics_platform.py",
            "tests/test_platform_mutants.py",
            "-k",
            "not under_provision_emerges",
        ],
    ),
    "d_turnover": (
        "clusternet/dynamics/turnover.py",
        [
            "tests/test_dynamics.py::test_turnover_removes_only_laggards_and_spinoffs_copy_successful_parents",
            "tests/test_dynamics.py::test_turnover_is_off_by_default_and_seeded_when_on",
            "tests/test_dynamics_model.py::test_turnover_resets_every_per_firm_field",
            "tests/test_dynamics_crn.py::test_spinoff_parents_do_not_depend_on_storage_order",
            "tests/test_turnover_mutants.py",
            "tests/test_dynamics_selection.py",
        ],
    ),
    "economics": (
        "clusternet/economics.py",
        [
            "tests/test_dynamics_brand.py",
            "tests/test_economics_mutants.py",
            "tests/test_measures.py::test_free_riding_exposure_lowers_readiness",
            "tests/test_dynamics_model.py::test_high_quality_share_has_one_definition",
            # round 14 (held-out seed 2031): BRAND_DEFAULTS are the model's defaults of the
            # same names, and the page written from them must be current
            "tests/test_dynamics_model.py::test_every_parameter_has_a_source_or_an_assumed_mark_and_the_page_is_current",
            "-k",
            "not free_ride_at_the_defaults and not turnover_does_not_select",
        ],
    ),
    "d_congestion": (
        "clusternet/dynamics/congestion.py",
        [
            "tests/test_dynamics.py::test_congestion_lowers_margins_and_caps_growth",
            "tests/test_dynamics.py::test_margins_formula",
            "tests/test_dynamics_model.py::test_growth_with_a_large_premium_stays_finite",
            "tests/test_congestion_mutants.py",
        ],
    ),
    # round 8: the input adapter of every analysis wrapper (a ClusterNetwork, a scipy.sparse
    # matrix, an igraph or a networkx graph): the wrappers' reference tests on each kind of
    # input, their bad-input tests, and its own tests (tests/test_graph.py)
    "graph": (
        "clusternet/_graph.py",
        [
            "tests/test_graph.py",
            *[
                f"{_CEN}::{name}"
                for name in (
                    "test_pagerank_matches_igraph_prpack",
                    "test_personalised_pagerank_with_dangling_nodes_matches_igraph",
                    "test_pagerank_on_network_layers_and_dict_personalization",
                    "test_katz_matches_networkx",
                    "test_eigenvector_matches_igraph",
                    "test_eigenvector_disconnected_semantics",
                    "test_harmonic_matches_igraph",
                    "test_betweenness_weighted_matches_igraph",
                    "test_effective_size_matches_networkx",
                    "test_bad_input_errors",
                    "test_zero_weight_edge_counts_in_unweighted_betweenness",
                    "test_katz_unweighted_ignores_weights",
                    "test_eigenvector_unweighted_ignores_weights",
                    "test_harmonic_weighted_undirected_uses_lengths",
                    "test_wrappers_pass_layer_weights_through",
                )
            ],
            "tests/test_diffusion.py::test_cascade_bad_input",
        ],
    ),
    # round 6: the reading of ``candidates`` shared by targeting and brokering (7 mutants)
    "candidates": (
        "clusternet/_candidates.py",
        [
            "tests/test_brokering_mutants.py",
            "tests/test_targeting.py::test_imm_bad_input_is_named",
        ],
    ),
    # round 7: the analysis wrappers not yet measured, each with its reference tests
    # (closed forms, brute force, exact enumeration) and its doctests
    "imm": (  # the IMM / OPIM-C wrapper: the RR-set sampler, the bounds, the spread estimate
        "clusternet/targeting.py",
        [
            "tests/test_targeting.py",
            "-k",
            "(imm or opim or rr_sets or influence) and not thread and not command_line",
            *_doctests("clusternet/targeting.py"),
        ],
    ),
    "bass": (
        "clusternet/bass.py",
        [
            "tests/test_diffusion.py",
            "tests/test_api.py::test_bass_curve_is_the_closed_form",
            "-k",
            "bass and not thread and not ckm",
            *_doctests("clusternet/bass.py"),
        ],
    ),
    "contagion": (
        "clusternet/contagion.py",
        [
            *[
                f"tests/test_model_fit.py::{name}"
                for name in (
                    "test_contagion_without_network_matches_the_geometric_closed_form",
                    "test_contagion_exposure_at_adoption_matches_a_brute_force_loop",
                    "test_contagion_network_raises_exposure_at_adoption_over_the_no_network_model",
                    "test_contagion_model_rejects_bad_input_naming_the_actor",
                    "test_contagion_unknown_actors_are_neither_at_risk_nor_contacts",
                    "test_contagion_simulated_path_and_summary_with_censoring_match_a_brute_force_loop",
                    "test_contagion_observed_periods_use_horizon_plus_one_for_not_adopted",
                    "test_contagion_layer_without_ties_among_known_actors_has_zero_exposure",
                    "test_contagion_input_checks_name_the_known_actor_and_skip_the_unknown",
                    "test_contagion_default_censor_time_is_the_last_adoption_period",  # round 13
                    # round 24: seed 2043's prior of the external trend
                    "test_contagion_external_trend_prior_is_a_factor_of_e_squared_either_way",
                    # round 27: seed 2045's referee (narrow integer periods)
                    "test_contagion_summary_takes_any_integer_dtype_of_periods",
                    "test_contagion_summary_refuses_periods_that_are_not_adoption_periods",
                )
            ],
            *_doctests("clusternet/contagion.py"),
        ],
    ),
    # the network itself (round 19: one module per idea, each with the same tests): the
    # data and its construction, the views (CSR per layer and direction), the derived
    # networks (filters, renumbering) and the summaries and converters
    **{
        name: (
            path,
            [
                "tests/test_network.py",
                "tests/test_centrality_views.py",
                # seed 2046: reordered's argument check is tested with the CSR views
                "tests/test_csr.py::test_reordered_rejects_a_bad_order",
                *_doctests(path),
            ],
        )
        for name, path in (
            ("network", "clusternet/network.py"),
            ("network_data", "clusternet/_network_data.py"),
            ("network_views", "clusternet/_network_views.py"),
            ("network_derived", "clusternet/_network_derived.py"),
        )
    },
    # input validation of every network built: ids, actors table, endpoints, layers
    "network_input": (
        "clusternet/_network_input.py",
        ["tests/test_network.py", "tests/test_io.py", *_doctests("clusternet/_network_input.py")],
    ),
    "locality": (
        "clusternet/locality.py",
        ["tests/test_network_locality.py", *_doctests("clusternet/locality.py")],
    ),
    "roles": (
        "clusternet/roles.py",
        ["tests/test_network.py", "tests/test_io.py", *_doctests("clusternet/roles.py")],
    ),
    "greedy": (
        "clusternet/greedy.py",
        [
            "tests/test_targeting.py",
            "tests/test_greedy_mutants.py",
            "-k",
            "greedy and not command_line and not thread",
        ],
    ),
    # round 8 (issue 30): the shared input checks, through the error-message and
    # seeding tests of the wrappers that call them (the thread-count, cross-process and
    # preset-cluster tests the keywords also match are left to `make test`)
    "validate": (
        "clusternet/_validate.py",
        [
            "tests/test_validate.py",  # the module's own tests (its first-pass survivors)
            *[
                f"tests/test_{m}.py"
                for m in (
                    "generate",
                    "dynamics",
                    "diffusion",
                    "measures",
                    "api",
                    "network",
                    "targeting",
                    "centrality",
                )
            ],
            "-k",
            "(validat or named or names or bad or refuse or reject or unknown"
            " or derived_sequences or n_sims) and not thread and not never_falls"
            " and not innovation_capacity_refuses and not across_processes"
            " and not bass_exposure",
        ],
    ),
    "brokering": (
        "clusternet/brokering.py",
        [
            "tests/test_targeting.py",
            "tests/test_brokering_mutants.py",
            "-k",
            "recommend or brokering_mutants and not command_line and not thread",
        ],
    ),
}

#: round 17: the public modules whose scalar defaults each sampled module defines; their
#: ``tests/test_documented_defaults.py`` case (every such default stated in its docstring
#: and equal to it) joins the module's selection, and ``or documented_defaults`` its ``-k``
DOCUMENTED_DEFAULTS: dict[str, tuple[str, ...]] = {
    "bass": ("clusternet.bass",),
    "brokering": ("clusternet.brokering",),
    "capacity": ("clusternet.measures",),
    "centrality": ("clusternet.centrality",),
    "spectral_centrality": ("clusternet.spectral_centrality",),
    "composite": ("clusternet.measures",),
    "contagion": ("clusternet.contagion",),
    "d_model": ("clusternet.dynamics",),
    "d_result": ("clusternet.dynamics",),
    "diffusion": ("clusternet.diffusion",),
    "economics": ("clusternet.economics",),
    "greedy": ("clusternet.greedy",),
    "heat": ("clusternet.heat", "clusternet.diffusion"),
    "heat_expansions": ("clusternet.heat", "clusternet.diffusion"),
    "imm": ("clusternet.targeting",),
    "locality": ("clusternet.locality",),
    "network": ("clusternet.network",),
    "network_data": ("clusternet.network",),
    "network_views": ("clusternet.network",),
    "network_derived": ("clusternet.network",),
    "path_centrality": ("clusternet.path_centrality",),
    "readiness": ("clusternet.measures",),
    "screening": ("clusternet.measures",),
    "spillover": ("clusternet.spillover",),
    "structure": ("clusternet.structure",),
    "structural_holes": ("clusternet.structural_holes",),
    "multilayer_measures": ("clusternet.multilayer_measures",),
    "cluster_profile": ("clusternet.cluster_profile",),
    "targeting": ("clusternet.targeting",),
}


def _with_documented_defaults(tests: list[str], apis: tuple[str, ...]) -> list[str]:
    """``tests`` plus the documented-defaults cases of ``apis``, kept by any ``-k``."""
    cases = [f"tests/test_documented_defaults.py::test_documented_defaults[{a}]" for a in apis]
    if "-k" in tests:
        i = tests.index("-k")
        tests = [*tests[: i + 1], f"({tests[i + 1]}) or documented_defaults", *tests[i + 2 :]]
    return [*cases, *tests]


for _name, _apis in DOCUMENTED_DEFAULTS.items():
    SAMPLED[_name] = (SAMPLED[_name][0], _with_documented_defaults(SAMPLED[_name][1], _apis))
