"""Figures of a case drawn with matplotlib (Agg, no display) from competency-question answers.

* ``timeline``: one swimlane per actor across the ordered phases, a box per logic holding coloured
  by its logic, stated holdings filled and interpreted ones hatched and outlined; holdings without a
  phase sit in a column of their own, holdings without a holder in a lane of their own, and a
  caption says what the source leaves open.
* ``network``: a network of `iorkg.analysis.network` (actors-roles by default) with nodes in
  columns by type and labelled by their labels.
* ``tensions``: each tension with its two poles, each pole coloured by the logic behind it.

Figures are sized for print: networks fit a paper column (3.5 in wide), the timeline and the
tensions a page width (7 in); text is at least 7 pt. Fictional cases say so in their titles.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..store import KnowledgeGraph
    from .network import CaseInfo

KINDS = ("timeline", "network", "tensions")
FORMATS = (".png", ".svg")
COLUMN_WIDTH = 3.5   # inches: one column of a two-column paper
PAGE_WIDTH = 7.0     # inches: the text width of a page
FONT = 7.5           # points
SMALL = 7.0
DPI = 200
# Colour-blind-safe colours (Okabe and Ito) for the logics, by the logic's class label.
LOGIC_COLOURS = {"Operational logic": "#0072B2", "Co-creation logic": "#E69F00"}
OTHER_COLOURS = ("#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
NO_LOGIC = "#9a9a9a"
TYPE_COLOURS = {"actor": "#0072B2", "role": "#009E73", "relationship": "#CC79A7", "logic": "#E69F00",
                "tension": "#D55E00", "puzzle": "#D55E00", "pole": "#bdbdbd"}
RC = {"font.size": FONT, "font.family": "DejaVu Sans", "svg.fonttype": "none", "svg.hashsalt": "iorkg",
      "hatch.linewidth": 1.2}


@dataclass
class Figure_:
    """A figure drawn: where it was written, and the caption it carries (also for alt text)."""

    path: Path
    caption: str


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def _new_figure(width: float, height: float) -> "Figure":
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI)


def _logic_colour(category: str | None, seen: dict[str, str]) -> str:
    if not category:
        return NO_LOGIC
    if category in LOGIC_COLOURS:
        return LOGIC_COLOURS[category]
    if category not in seen:
        seen[category] = OTHER_COLOURS[len(seen) % len(OTHER_COLOURS)]
    return seen[category]


def _case_title(info: "CaseInfo | None", fallback: str) -> str:
    if info is None:
        return fallback
    title = info.label
    if info.fictional and "fictional" not in title.lower():
        title += " (fictional)"
    return title


def save(figure: "Figure", output: str | Path) -> Path:
    """Write the figure as PNG or SVG (by the file's extension), atomically."""
    import io

    from ..rdf.files import atomic_write

    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, f"a figure is written as .png or .svg, not {suffix or 'a file without extension'}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if suffix == ".svg" else {"Software": "iorkg (matplotlib)"}
    figure.savefig(buffer, format=suffix[1:], metadata=metadata)
    return atomic_write(path, buffer.getvalue())


# timeline -----------------------------------------------------------------------------------------

def timeline_figure(kg: "KnowledgeGraph", case: str, info: "CaseInfo | None" = None) -> tuple["Figure", str]:
    """The swimlane timeline of one case and its caption."""
    import matplotlib
    from matplotlib.patches import Patch, Rectangle

    holdings = kg.query("who-held-which-logic", case=case).rows
    phase_rows = kg.query("timeline", case=case).rows
    phases: dict[int, str] = {}
    for row in phase_rows + holdings:
        if row["phase_order"] is not None:
            phases.setdefault(int(row["phase_order"]), row["phase"])
    ordered = sorted(phases.items())
    columns = [f"{o}. {p}" for o, p in ordered]
    unphased = [h for h in holdings if h["phase_order"] is None]
    if unphased or not columns:
        columns.append("phase unknown")
    lanes: list[str] = []
    for holding in sorted(holdings, key=lambda h: (h["holder"] == "unknown",
                                                   h["phase_order"] if h["phase_order"] is not None else 99,
                                                   h["holder"])):
        lane = "holder unknown" if holding["holder"] == "unknown" else holding["holder"]
        if lane not in lanes:
            lanes.append(lane)
    if not lanes:
        lanes.append("(no logic holding recorded)")
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for holding in holdings:
        lane = lanes.index("holder unknown" if holding["holder"] == "unknown" else holding["holder"])
        col = (ordered.index((int(holding["phase_order"]), phases[int(holding["phase_order"])]))
               if holding["phase_order"] is not None else len(columns) - 1)
        cells.setdefault((lane, col), []).append(holding)

    caption = _timeline_caption(holdings, ordered, info)
    title = _wrap("Who held which logic when: " + _case_title(info, case), 88)
    headers = [_wrap(c, max(14, int(64 / len(columns)))) for c in columns]
    others: dict[str, str] = {}
    column_inches = 0.76 * PAGE_WIDTH / len(columns)
    texts: dict[tuple[int, int, int], str] = {}
    for (lane, col), items in cells.items():
        items.sort(key=lambda h: (h["logic"], h["interpreted_by"] or ""))
        chars = max(8, int(0.86 / len(items) * column_inches * 72 / 4.4))
        for k, holding in enumerate(items):
            text = _wrap(holding["logic"].replace(" (fictional case)", ""), chars)
            if holding["status"] != "stated" and holding["interpreted_by"]:
                reader = holding["interpreted_by"].replace(" (fictional coder)", "")
                text += "\n" + _wrap(f"reading of {reader}", chars)
            texts[(lane, col, k)] = text
    most_lines = max([t.count("\n") + 1 for t in texts.values()] + [2])
    lane_height = max(0.62, 0.14 * most_lines / 0.6 + 0.1)
    top = 0.12 + 0.17 * (title.count("\n") + 1) + 0.13 * max(h.count("\n") + 1 for h in headers) + 0.08
    bottom = 0.1 + 0.14 * (caption.count("\n") + 1) + 0.32
    plot_height = lane_height * len(lanes)
    height = top + plot_height + bottom
    with matplotlib.rc_context(RC):
        fig = _new_figure(PAGE_WIDTH, height)
        ax = fig.add_axes((0.22, bottom / height, 0.76, plot_height / height))
        ax.set_xlim(0, len(columns))
        ax.set_ylim(len(lanes), 0)
        for i in range(len(lanes)):
            if i % 2 == 0:
                ax.axhspan(i, i + 1, color="#f3f3f3", zorder=0)
        for (lane, col), items in sorted(cells.items()):
            width = 0.86 / len(items)
            for k, holding in enumerate(items):
                colour = _logic_colour(holding["logic_type"], others)
                x = col + 0.07 + k * width
                stated = holding["status"] == "stated"
                ax.add_patch(Rectangle((x + 0.01, lane + 0.2), width - 0.02, 0.6,
                                       facecolor=colour if stated else "white",
                                       edgecolor=colour, hatch=None if stated else "////",
                                       linewidth=1.0 if stated else 1.4,
                                       linestyle="solid" if stated else (0, (3, 1.5)), zorder=2))
                text = texts[(lane, col, k)]
                ax.text(x + width / 2, lane + 0.5, text, ha="center", va="center", fontsize=SMALL, zorder=3,
                        color="white" if stated else "black",
                        bbox=None if stated else {"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        for col in range(1, len(columns)):
            unknown = columns[col] == "phase unknown"
            ax.axvline(col, color="#555555" if unknown else "#cccccc",
                       linestyle="--" if unknown else "-", linewidth=0.8, zorder=1)
        ax.set_xticks([c + 0.5 for c in range(len(columns))])
        ax.set_xticklabels(headers, fontsize=SMALL)
        ax.xaxis.tick_top()
        ax.set_yticks([i + 0.5 for i in range(len(lanes))])
        ax.set_yticklabels([_wrap(lane, 30) for lane in lanes], fontsize=SMALL)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        logics = sorted({(h["logic_type"] or "", h["logic_type"] or "no logic") for h in holdings})
        handles = [Patch(facecolor=_logic_colour(c, others), edgecolor=_logic_colour(c, others), label=name)
                   for c, name in logics]
        handles += [Patch(facecolor="#777777", edgecolor="#777777", label="stated in the source"),
                    Patch(facecolor="white", edgecolor="#777777", hatch="////", linestyle=(0, (3, 1.5)),
                          label="interpreted (a reading, attributed)")]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.01, (bottom - 0.06) / height),
                   ncol=len(handles), frameon=False, fontsize=SMALL, handlelength=1.6, columnspacing=1.2)
        fig.text(0.01, 1 - 0.1 / height, title, ha="left", va="top", fontsize=FONT + 1, weight="bold")
        fig.text(0.01, 0.08 / height, caption, ha="left", va="bottom", fontsize=SMALL, style="italic")
    return fig, caption.replace("\n", " ")


def _timeline_caption(holdings: list[dict[str, Any]], ordered: list[tuple[int, str]],
                      info: "CaseInfo | None") -> str:
    n = len(holdings)
    no_holder = sum(h["holder"] == "unknown" for h in holdings)
    no_phase = sum(h["phase_order"] is None for h in holdings)
    interpreted = [h for h in holdings if h["status"] == "interpreted"]
    parts = []
    if info is not None and info.fictional:
        parts.append("Fictional example data, not a real case.")
    if n == 0:
        parts.append("The graph records no logic holding for this case.")
    else:
        parts.append(f"{n} logic holding{'s' if n != 1 else ''}:")
        parts.append(f"{no_holder} name no holder" + (" (lane 'holder unknown')" if no_holder else "") + ";")
        parts.append(f"{no_phase} name no phase" + (" (column 'phase unknown')" if no_phase else "") + ";")
        by = sorted({h["interpreted_by"] or "unattributed" for h in interpreted})
        parts.append(f"{len(interpreted)} {'is' if len(interpreted) == 1 else 'are'} interpreted"
                     + (f" ({', '.join(by)})" if by else "") + ".")
    if no_phase and n:
        parts.append("The source leaves open when these logics were held; no order is inferred.")
    if no_holder and n:
        parts.append("It attributes no logic to a party: a holder shown is a reading, never a statement.")
    if n and not ordered:
        parts.append("The source names no phase.")
    elif n and len(ordered) == 1:
        parts.append(f"The source names one phase ({ordered[0][1]}), so there is no order of phases to show.")
    return _wrap(" ".join(parts), 125)


# network ------------------------------------------------------------------------------------------

_COLUMNS = {"actors-roles": ("role", "actor", "relationship"), "actors-logics": ("actor", "logic"),
            "logics-tensions": ("tension", "pole", "logic")}
# The column whose nodes are ordered by label; the others follow by the mean place of their neighbours.
_ANCHOR = {"actors-roles": 1, "actors-logics": 0, "logics-tensions": 0}


def _order_columns(graph: Any, members: dict[str, list[str]], columns: tuple[str, ...], anchor: int) -> None:
    """Order each column by the mean position of its neighbours in the column nearer the anchor
    (the barycentre heuristic), so that edges cross less."""
    order = [anchor] + [i for step in range(1, len(columns)) for i in (anchor - step, anchor + step)
                        if 0 <= i < len(columns)]
    for i in order[1:]:
        inner = members[columns[i + 1 if i < anchor else i - 1]]
        place = {m: k for k, m in enumerate(inner)}

        def centre(m: str, place: dict[str, int] = place) -> tuple[float, str]:
            spots = [place[v] for v in graph.neighbors(m) if v in place]
            return (sum(spots) / len(spots) if spots else len(place), graph.nodes[m]["label"])

        members[columns[i]].sort(key=centre)


def network_figure(kg: "KnowledgeGraph", case: str, info: "CaseInfo | None" = None,
                   kind: str = "actors-roles") -> tuple["Figure", str]:
    """A network of one case: nodes as labelled boxes in columns by type (a spring layout with the
    most connected nodes labelled for co-occurrence), sized for one paper column."""
    from .network import build_network

    graph = build_network(kg, kind, case)
    if kind in _COLUMNS:
        return _column_network(graph, kind, case, info)
    return _spring_network(graph, kind, case, info)


def _align_to_neighbours(graph: Any, members: dict[str, list[str]], columns: tuple[str, ...],
                         centres: dict[str, tuple[float, float]], heights: dict[str, float],
                         column_height: dict[str, float], bottom: float, plot_height: float) -> None:
    """Move the boxes of the shorter columns level with the mean height of their neighbours in the
    tallest column, keeping their order and pushing them apart where they would overlap."""
    tallest = max(columns, key=lambda c: column_height[c])
    done = {tallest}
    for column in sorted(columns, key=lambda c: -column_height[c])[1:]:
        wanted = []
        for m in members[column]:
            ys = [centres[v][1] for v in graph.neighbors(m) if graph.nodes[v]["type"] in done
                  or (graph.nodes[v]["type"] == "puzzle" and "tension" in done)]
            wanted.append(sum(ys) / len(ys) if ys else centres[m][1])
        top_edge = bottom + plot_height
        for m, y in zip(members[column], wanted):      # top to bottom, never above the one before
            y = min(y, top_edge - heights[m] / 2 - 0.06)
            centres[m] = (centres[m][0], y)
            top_edge = y - heights[m] / 2 - 0.06
        floor = bottom
        for m in reversed(members[column]):            # then up from the floor where it overflowed
            y = max(centres[m][1], floor + heights[m] / 2 + 0.06)
            centres[m] = (centres[m][0], y)
            floor = y + heights[m] / 2 + 0.06
        done.add(column)


def _box_style(attrs: dict[str, Any]) -> dict[str, Any]:
    colour = TYPE_COLOURS.get(attrs["type"], "#56B4E9")
    if attrs["status"] == "interpreted":
        return {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": colour,
                "linestyle": (0, (3, 1.5)), "linewidth": 1.2}
    return {"boxstyle": "round,pad=0.25", "facecolor": colour + "33", "edgecolor": colour, "linewidth": 1.0}


def _column_network(graph: Any, kind: str, case: str, info: "CaseInfo | None") -> tuple["Figure", str]:
    import matplotlib
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch

    columns = _COLUMNS[kind]
    n = len(columns)
    gap = 0.4                                   # inches between columns
    box = (COLUMN_WIDTH - 0.1 - gap * (n - 1)) / n
    chars = max(10, int((box - 0.08) * 72 / 4.2))
    line = 0.125                                # inches per text line at 7 pt
    members = {t: sorted((m for m, a in graph.nodes(data=True)
                          if a["type"] == t or (t == "tension" and a["type"] == "puzzle")),
                         key=lambda m: graph.nodes[m]["label"]) for t in columns}
    _order_columns(graph, members, columns, _ANCHOR[kind])
    labels = {m: _wrap(graph.nodes[m]["label"], chars) for m in graph.nodes}
    heights = {m: line * (labels[m].count("\n") + 1) + 0.1 for m in graph.nodes}
    column_height = {t: sum(heights[m] + 0.12 for m in ms) for t, ms in members.items()}
    plot_height = max(list(column_height.values()) + [0.6])
    caption = _network_caption(graph, kind, info, graph.number_of_nodes())
    title = _wrap(f"{kind}: {_case_title(info, case)}", 52)
    top = 0.1 + 0.15 * (title.count("\n") + 1) + 0.22
    caption_text = _wrap(caption, 64)
    bottom = 0.12 + 0.12 * (caption_text.count("\n") + 1) + 0.34
    height = top + plot_height + bottom
    centres: dict[str, tuple[float, float]] = {}
    for i, t in enumerate(columns):
        x = 0.05 + i * (box + gap) + box / 2
        y = bottom + plot_height / 2 + column_height[t] / 2
        for m in members[t]:
            y -= 0.06
            centres[m] = (x, y - heights[m] / 2)
            y -= heights[m] + 0.06
    _align_to_neighbours(graph, members, columns, centres, heights, column_height, bottom, plot_height)
    with matplotlib.rc_context(RC):
        fig = _new_figure(COLUMN_WIDTH, height)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, COLUMN_WIDTH)
        ax.set_ylim(0, height)
        ax.axis("off")
        for a, z, data in graph.edges(data=True):
            if a not in centres or z not in centres:
                continue
            (x1, y1), (x2, y2) = sorted([centres[a], centres[z]])
            interpreted = data["status"] == "interpreted"
            ax.plot([x1 + box / 2, x2 - box / 2], [y1, y2],
                    color="#B8860B" if interpreted else "#555555",
                    linestyle=(0, (3, 2)) if interpreted else "solid", linewidth=0.9, zorder=1)
        for m, (x, y) in centres.items():
            style = _box_style(graph.nodes[m])
            style.pop("boxstyle")
            ax.add_patch(FancyBboxPatch((x - box / 2, y - heights[m] / 2), box, heights[m],
                                        boxstyle="round,pad=0,rounding_size=0.04", zorder=2, **style))
            ax.text(x, y, labels[m], ha="center", va="center", fontsize=SMALL, zorder=3)
        for i, t in enumerate(columns):
            ax.text(0.05 + i * (box + gap) + box / 2, height - top + 0.08, t + "s", ha="center", va="bottom",
                    fontsize=FONT, weight="bold")
        handles = [Patch(facecolor="#88888833", edgecolor="#555555", label="stated"),
                   Patch(facecolor="white", edgecolor="#B8860B", linestyle=(0, (3, 1.5)), label="interpreted"),
                   Line2D([], [], color="#B8860B", linestyle=(0, (3, 2)), label="interpreted link")]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, (0.1 + 0.12 * (caption_text.count("\n") + 1)) / height),
                  frameon=False, fontsize=SMALL, ncol=3, handlelength=1.5, columnspacing=1.0)
        ax.text(0.05, height - 0.08, title, ha="left", va="top", fontsize=FONT, weight="bold")
        ax.text(0.05, 0.08, caption_text, ha="left", va="bottom", fontsize=SMALL - 0.5, style="italic")
    return fig, caption


def _spring_network(graph: Any, kind: str, case: str, info: "CaseInfo | None") -> tuple["Figure", str]:
    """The largest connected part of a network in a force-directed layout, the most connected
    nodes numbered and named in a key below."""
    import matplotlib
    import networkx as nx

    parts = sorted(nx.connected_components(graph), key=len, reverse=True) if graph.number_of_nodes() else []
    core = graph.subgraph(parts[0]).copy() if parts else graph
    spread = 2.2 / max(1, core.number_of_nodes()) ** 0.5
    positions = (nx.spring_layout(core, seed=16, k=spread, iterations=300, weight=None)
                 if core.number_of_nodes() > 1 else {m: (0.0, 0.0) for m in core})
    ranked = sorted(core.nodes, key=lambda m: (-core.degree(m, weight="weight"), core.nodes[m]["label"]))
    labelled = ranked[:10]
    caption = _network_caption(graph, kind, info, len(labelled), boxes=False)
    if len(parts) > 1:
        left = graph.number_of_nodes() - core.number_of_nodes()
        caption += (f" Drawn: the largest connected part ({core.number_of_nodes()} nodes); {left} nodes in "
                    f"{len(parts) - 1} smaller parts are left out of the drawing (not of the export).")
    key = "\n".join(_wrap(f"{r}. {core.nodes[m]['label']}", 72) for r, m in enumerate(labelled, 1))
    caption_text = _wrap(caption, 64)
    key_height = 0.105 * (key.count("\n") + 1)
    caption_height = 0.115 * (caption_text.count("\n") + 1)
    title = _wrap(f"{kind}: {_case_title(info, case)}", 52)
    top = 0.12 + 0.15 * (title.count("\n") + 1)
    plot = 3.0
    height = top + plot + key_height + caption_height + 0.35
    with matplotlib.rc_context(RC):
        fig = _new_figure(COLUMN_WIDTH, height)
        ax = fig.add_axes((0.04, (key_height + caption_height + 0.3) / height, 0.92, plot / height))
        ax.axis("off")
        for a, z, data in core.edges(data=True):
            (x1, y1), (x2, y2) = positions[a], positions[z]
            interpreted = data["status"] == "interpreted"
            ax.plot([x1, x2], [y1, y2], color="#B8860B" if interpreted else "#777777",
                    linestyle=(0, (3, 2)) if interpreted else "solid",
                    linewidth=0.4 + 0.4 * min(4, data.get("weight", 1)), alpha=0.7, zorder=1)
        for m in core.nodes:
            x, y = positions[m]
            colour = TYPE_COLOURS.get(core.nodes[m]["type"], "#56B4E9")
            ax.scatter([x], [y], s=6 + 3 * core.degree(m, weight="weight"), color=colour, zorder=2)
        for rank, (m, (x, y)) in enumerate(_label_spots(positions, labelled), 1):
            ax.annotate(str(rank), positions[m], xytext=(x, y), textcoords="data", fontsize=SMALL - 0.5,
                        weight="bold", ha="center", va="center", zorder=3,
                        arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.5, "shrinkA": 0,
                                    "shrinkB": 2},
                        bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "#333333",
                              "linewidth": 0.6})
        fig.text(0.02, 1 - 0.08 / height, title, ha="left", va="top", fontsize=FONT, weight="bold")
        fig.text(0.02, (caption_height + 0.18) / height, key, ha="left", va="bottom", fontsize=SMALL - 1)
        fig.text(0.02, 0.06 / height, caption_text, ha="left", va="bottom", fontsize=SMALL - 0.5, style="italic")
    return fig, caption


def _label_spots(positions: dict[str, Any], labelled: list[str], step: float = 0.1) -> list[tuple[str, tuple[float, float]]]:
    """A spot for each numbered label near its node, away from the labels placed before it."""
    import math

    xs = [float(p[0]) for p in positions.values()] or [0.0]
    ys = [float(p[1]) for p in positions.values()] or [0.0]
    scale = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    placed: list[tuple[float, float]] = []
    spots = []
    for m in labelled:
        x, y = float(positions[m][0]), float(positions[m][1])
        best = None
        for ring in (1, 1.6, 2.2, 3.0):
            for k in range(12):
                angle = math.pi / 2 + k * math.pi / 6
                cx, cy = x + ring * step * scale * math.cos(angle), y + ring * step * scale * math.sin(angle)
                if all(math.hypot(cx - px, cy - py) > 1.05 * step * scale for px, py in placed):
                    best = (cx, cy)
                    break
            if best:
                break
        best = best or (x, y + step * scale)
        placed.append(best)
        spots.append((m, best))
    return spots


def _network_caption(graph: Any, kind: str, info: "CaseInfo | None", labelled: int, boxes: bool = True) -> str:
    parts = []
    if info is not None and info.fictional:
        parts.append("Fictional example data.")
    interpreted = sum(d["status"] == "interpreted" for _, _, d in graph.edges(data=True))
    edges = graph.number_of_edges()
    parts.append(f"{graph.number_of_nodes()} nodes, {edges} edge{'s' if edges != 1 else ''}, "
                 f"{interpreted} interpreted (dashed" + ("; dashed white boxes rest only on readings)." if boxes else ")."))
    if labelled < graph.number_of_nodes():
        parts.append(f"Only the {labelled} most connected nodes are labelled.")
    unheld = sum(int(a.get("holdings_without_holder", 0)) for _, a in graph.nodes(data=True))
    if unheld:
        parts.append(f"{unheld} holding{'s' if unheld != 1 else ''} name{'' if unheld != 1 else 's'} no holder "
                     "and {} not drawn: the source leaves the holder open.".format("are" if unheld != 1 else "is"))
    return " ".join(parts)


# tensions -----------------------------------------------------------------------------------------

def tensions_figure(kg: "KnowledgeGraph", case: str, info: "CaseInfo | None" = None) -> tuple["Figure", str]:
    """Each tension of one case between its two poles, each pole coloured by the logic behind it."""
    import matplotlib
    from matplotlib.patches import FancyBboxPatch, Patch

    rows = kg.query("tensions", case=case).rows
    logic_types = {r["item"]: r["category"] for r in kg.query("cross-case", case=case).rows if r["kind"] == "logic"}
    others: dict[str, str] = {}
    wrapped = [(_wrap(r["pole_1"], 30),
                _wrap(r["tension"], 30) + "\n" + _wrap(f"({'puzzle' if r['puzzle'] else 'tension'}; type: "
                                                       f"{r['tension_type']})", 30),
                _wrap(r["pole_2"], 30)) for r in rows]
    lines = [max(t.count("\n") for t in w) + 1 for w in wrapped] or [1]
    unit = 0.14
    heights = [max(0.55, unit * n + 0.3) for n in lines]
    total = sum(heights) + 1.3
    with_logic = sum(bool(r["pole_1_logic"]) + bool(r["pole_2_logic"]) for r in rows)
    grey = 2 * len(rows) - with_logic
    caption = (("Fictional example data. " if info is not None and info.fictional else "")
               + f"{len(rows)} tension{'s' if len(rows) != 1 else ''}; {with_logic} of {2 * len(rows)} poles "
               "are tied to a logic (coloured)"
               + (f"; {grey} are grey: the source names no logic behind them. " if grey else ". ")
               + "Type: the tension type an interpreted classification assigns ('unknown' when none).")
    with matplotlib.rc_context(RC):
        fig = _new_figure(PAGE_WIDTH, total)
        ax = fig.add_axes((0.01, 0.75 / total, 0.98, (total - 1.15) / total))
        ax.axis("off")
        ax.set_xlim(0, 3)
        ax.set_ylim(sum(heights), 0)
        y = 0.0
        for row, (p1, tension, p2), h in zip(rows, wrapped, heights):
            mid = y + h / 2
            for x, text, logic, raw in ((0.02, p1, row["pole_1_logic"], row["pole_1"]),
                                        (2.02, p2, row["pole_2_logic"], row["pole_2"])):
                colour = _logic_colour(logic_types.get(logic) if logic else None, others)
                ax.add_patch(FancyBboxPatch((x, y + 0.06), 0.96, h - 0.12, boxstyle="round,pad=0.0,rounding_size=0.05",
                                            facecolor=colour, alpha=0.25 if logic else 0.18, edgecolor=colour))
                short = logic.replace(" (fictional case)", "") if logic else ""
                label = text + (f"\n[{short}]" if logic and short not in raw else "")
                ax.text(x + 0.48, mid, label, ha="center", va="center", fontsize=SMALL)
            ax.annotate("", xy=(1.0, mid), xytext=(1.12, mid), arrowprops={"arrowstyle": "->", "color": "#444444"})
            ax.annotate("", xy=(2.0, mid), xytext=(1.88, mid), arrowprops={"arrowstyle": "->", "color": "#444444"})
            ax.text(1.5, mid, tension, ha="center", va="center",
                    fontsize=SMALL, weight="bold" if row["puzzle"] else "normal")
            y += h
        handles = [Patch(facecolor=c, alpha=0.5, edgecolor=c, label=n) for n, c in LOGIC_COLOURS.items()]
        handles.append(Patch(facecolor=NO_LOGIC, alpha=0.3, edgecolor=NO_LOGIC, label="no logic named"))
        fig.legend(handles=handles, loc="lower right", frameon=False, fontsize=SMALL, ncol=3,
                   bbox_to_anchor=(0.99, 0.38 / total))
        fig.text(0.01, 1 - 0.08 / total, _wrap("Tensions and their poles: " + _case_title(info, case), 88),
                 ha="left", va="top", fontsize=FONT + 1, weight="bold")
        fig.text(0.01, 0.05 / total, _wrap(caption, 125), ha="left", va="bottom", fontsize=SMALL, style="italic")
    return fig, caption


# the library call --------------------------------------------------------------------------------

def plot(kg: "KnowledgeGraph", kind: str, output: str | Path, case: str | None = None,
         network_kind: str = "actors-roles") -> Figure_:
    """Draw one figure of one case (default: the first real case, else the first case) and write it."""
    from .network import cases

    if kind not in KINDS:
        raise InputError(None, f"no figure {kind!r}; expected one of: {', '.join(KINDS)}")
    if Path(output).suffix.lower() not in FORMATS:
        raise InputError(output, "a figure is written as .png or .svg")
    known = cases(kg)
    info = _pick_case(known, case, kg)
    if kind == "timeline":
        fig, caption = timeline_figure(kg, info.iri, info)
    elif kind == "tensions":
        fig, caption = tensions_figure(kg, info.iri, info)
    else:
        fig, caption = network_figure(kg, info.iri, info, network_kind)
    return Figure_(save(fig, output), caption)


def _pick_case(known: list["CaseInfo"], case: str | None, kg: "KnowledgeGraph") -> "CaseInfo":
    if not known:
        raise InputError(None, "the dataset holds no case to draw")
    if case is None:
        return known[0]
    from ..query.params import parse_iri

    iri = parse_iri(case, "case").value
    for info in known:
        if info.iri == iri:
            return info
    raise InputError(None, f"no case {case!r} in the dataset; cases: {', '.join(c.iri for c in known)}")


# across cases ---------------------------------------------------------------------------------------

def corpus_figure(kg: "KnowledgeGraph", known: list["CaseInfo"] | None = None) -> tuple["Figure", str]:
    """In how many cases each logic kind and each tension type appears (`cross-case`), real cases
    and fictional ones in separate bars."""
    import matplotlib

    from .network import cases

    known = known if known is not None else cases(kg)
    fictional = {c.iri for c in known if c.fictional}
    counts: dict[tuple[str, str], list[set[str]]] = {}
    for row in kg.query("cross-case").rows:
        key = (row["kind"], row["category"])
        counts.setdefault(key, [set(), set()])[1 if row["case"] in fictional else 0].add(row["case"])
    keys = sorted(counts, key=lambda k: (k[0], -len(counts[k][0]) - len(counts[k][1]), k[1]))
    real_n = len(known) - len(fictional)
    caption = (f"{len(known)} cases ({real_n} real, {len(fictional)} fictional). Bars count the cases in which a "
               "logic kind or a tension type appears (tension types come from interpreted classifications; "
               "'unknown': unclassified). Fictional cases are hatched and counted apart, never added to real ones.")
    with matplotlib.rc_context(RC):
        height = 1.3 + 0.22 * max(1, len(keys))
        fig = _new_figure(PAGE_WIDTH, height)
        ax = fig.add_axes((0.3, 0.75 / height, 0.66, (height - 1.15) / height))
        ys = list(range(len(keys)))
        real = [len(counts[k][0]) for k in keys]
        fict = [len(counts[k][1]) for k in keys]
        ax.barh([y - 0.2 for y in ys], real, height=0.38, color="#0072B2", label="real cases")
        ax.barh([y + 0.2 for y in ys], fict, height=0.38, color="white", edgecolor="#E69F00", hatch="////",
                label="fictional cases")
        ax.set_yticks(ys)
        ax.set_yticklabels([f"{kind}: {category}" for kind, category in keys], fontsize=SMALL)
        ax.invert_yaxis()
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("cases", fontsize=SMALL)
        ax.tick_params(labelsize=SMALL)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        ax.legend(frameon=False, fontsize=SMALL, loc="lower right")
        fig.text(0.01, 1 - 0.08 / height, "Logics and tensions across cases", ha="left", va="top",
                 fontsize=FONT + 1, weight="bold")
        fig.text(0.01, 0.05 / height, _wrap(caption, 125), ha="left", va="bottom", fontsize=SMALL, style="italic")
    return fig, caption
