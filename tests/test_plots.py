"""Figures drawn from competency-question answers: files written, honest captions, fictional marked."""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")

from iorkg.analysis.plots import plot, timeline_figure  # noqa: E402
from iorkg.analysis.network import cases  # noqa: E402
from iorkg.errors import InputError  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def _info(kg, iri):
    return next(c for c in cases(kg) if c.iri == iri)


@pytest.mark.parametrize("kind", ["timeline", "network", "tensions"])
def test_each_figure_is_written_as_png(kind, shipped_kg, tmp_path):
    figure = plot(shipped_kg, kind, tmp_path / f"{kind}.png", case="kkt:case")
    assert figure.path.read_bytes().startswith(PNG)


def test_svg_keeps_the_labels_as_text(shipped_kg, tmp_path):
    figure = plot(shipped_kg, "timeline", tmp_path / "t.svg", case="fx:case")
    assert "operational logic" in figure.path.read_text(encoding="utf-8")


def test_real_timeline_caption_says_what_the_source_leaves_open(shipped_kg):
    # the source orders no stages and attributes neither logic to a party: since 0.2.0 the case has
    # two holdings (one per logic), neither with a holder or a phase
    kkt = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/case"
    _, caption = timeline_figure(shipped_kg, kkt, _info(shipped_kg, kkt))
    assert "2 name no holder" in caption and "2 name no phase" in caption
    assert "attributes no logic to a party" in caption


def test_real_timeline_has_an_unknown_phase_column(shipped_kg):
    kkt = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/case"
    fig, _ = timeline_figure(shipped_kg, kkt, _info(shipped_kg, kkt))
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[-1] == "phase unknown"
    lanes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "holder unknown" in lanes


def test_fictional_timeline_orders_its_three_phases_and_says_it_is_fictional(shipped_kg):
    fx = "https://w3id.org/iorkg/fictional/example-case/case"
    fig, caption = timeline_figure(shipped_kg, fx, _info(shipped_kg, fx))
    ticks = [t.get_text().split(".")[0] for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["1", "2", "3"]
    assert caption.startswith("Fictional example data")


def test_interpreted_holdings_are_hatched_and_stated_ones_filled(shipped_kg):
    fx = "https://w3id.org/iorkg/fictional/example-case/case"
    fig, _ = timeline_figure(shipped_kg, fx, _info(shipped_kg, fx))
    boxes = [p for p in fig.axes[0].patches if p.get_width() < 1]
    assert sum(bool(p.get_hatch()) for p in boxes) == 2   # Coder A's and Coder B's readings
    assert sum(not p.get_hatch() for p in boxes) == 2     # the provider in phases 1 and 3


def test_unknown_extension_is_refused(shipped_kg, tmp_path):
    with pytest.raises(InputError, match=".png or .svg"):
        plot(shipped_kg, "timeline", tmp_path / "t.pdf")


def test_unknown_case_is_refused(shipped_kg, tmp_path):
    with pytest.raises(InputError, match="no case"):
        plot(shipped_kg, "timeline", tmp_path / "t.png", case="https://example.org/nope")


def test_plot_command_writes_the_file(tmp_path):
    from iorkg.cli import main

    target = tmp_path / "n.png"
    assert main(["plot", "network", "--case", "fx:case", "--with-examples", "--output", str(target)]) == 0
    assert target.read_bytes().startswith(PNG)
