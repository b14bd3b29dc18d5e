"""Options of `iorkg serve` that need no server: which addresses count as loopback."""

from __future__ import annotations

import pytest

from iorkg.serve.server import is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "::1", "localhost"])
def test_loopback_addresses_need_no_warning(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_other_addresses_are_not_loopback(host):
    assert not is_loopback(host)
