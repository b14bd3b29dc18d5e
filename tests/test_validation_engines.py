"""Both SHACL engines (pyshacl-turbo and the reference pyshacl) give the same verdict and findings.

For every file of the negative corpus, and for the valid minimal case, the two engines must agree
on whether the data conforms and on the multiset of (rule, constraint component, focus node,
path). Blank nodes get new labels on every read, so a blank focus node is compared by its
readable name (its type and the path from the named node above it), not by its label.
Fixtures that need --reason are compared on their SHACL findings only.
"""

from __future__ import annotations

from collections import Counter

import pytest

from iorkg.validate import DEFAULT_GROUPS, validate
from validation_corpus import VALID, corpus

CASES = [(VALID.name, [VALID], DEFAULT_GROUPS)] + [(f.path.name, f.files, f.groups) for f in corpus()]


def _findings(result) -> Counter:
    return Counter((f.rule, f.constraint_component,
                    f.label if f.focus_node.startswith("_:") else f.focus_node, f.path)
                   for f in result.results)


@pytest.mark.parametrize("name, files, groups", CASES, ids=[c[0] for c in CASES])
def test_turbo_and_pyshacl_agree_on_verdict_and_findings(name, files, groups):
    turbo = validate(files, engine="turbo", groups=groups)
    reference = validate(files, engine="pyshacl", groups=groups)
    assert turbo.conforms == reference.conforms
    assert _findings(turbo) == _findings(reference), (turbo.text, reference.text)
