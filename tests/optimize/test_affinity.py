"""Text affinity alone: character n-gram TF-IDF in zh-Hant, fr and en."""

import numpy as np
import pytest

from jumelage.optimize.affinity import text_affinity


def test_each_application_is_closest_to_the_reviewer_of_its_own_language_and_topic():
    applications = [
        "智慧農業科技：以感測器監測稻田灌溉",
        "Énergie solaire pour l'agriculture urbaine",
        "Battery recycling for electric scooters",
    ]
    reviewers = [
        "Recycling of lithium batteries; electric mobility and scooters",
        "農業科技、灌溉與稻田感測器",
        "agriculture urbaine, énergie solaire et photovoltaïque",
    ]
    affinity = text_affinity(applications, reviewers)

    assert affinity.shape == (3, 3)
    assert affinity.argmax(axis=1).tolist() == [1, 2, 0]


def test_similarity_is_a_cosine_between_zero_and_one():
    texts = ["mobilité urbaine", "urban mobility", "城市交通"]
    affinity = text_affinity(texts, texts)

    assert np.allclose(np.diag(affinity), 1.0)
    assert (affinity >= 0).all() and (affinity <= 1 + 1e-12).all()
    assert np.allclose(affinity, affinity.T)


def test_full_width_and_case_variants_are_the_same_text():
    assert text_affinity(["ＡＩ Robotics"], ["ai robotics"])[0, 0] == pytest.approx(1.0)


def test_an_empty_text_is_similar_to_nothing():
    affinity = text_affinity(["", "énergie"], ["énergie", ""])
    assert affinity.tolist() == [[0.0, 0.0], [pytest.approx(1.0), 0.0]]
