"""RT/RW read from addresses as village lists write them; the roster sorts by them."""

import pytest

from ewarong_desktop.domain.address import Neighbourhood, neighbourhood


@pytest.mark.parametrize(
    ("address", "rt", "rw"),
    [
        ("RT 03/RW 02", 3, 2),
        ("RT 003/002", 3, 2),
        ("Dusun Krajan RT.05 RW.01", 5, 1),
        ("rt 7 rw 4", 7, 4),
        ("Rt.3/Rw.12 Desa Sukapura", 3, 12),
        ("RT: 04 RW: 03", 4, 3),
        ("Jl. Mawar RW 4", None, 4),
        ("RT 09", 9, None),
        ("Dusun Krajan", None, None),
        ("", None, None),
        ("Jl. Kartini 12", None, None),  # "rt" inside a word is not an RT
    ],
)
def test_rt_and_rw_from_the_address(address, rt, rw):
    assert neighbourhood(address) == Neighbourhood(rt, rw)


def test_sorted_rw_then_rt_with_the_unknown_last():
    addresses = ["", "RT 02/RW 01", "RT 01/RW 02", "RW 01", "RT 01/RW 01", "RT 05"]
    ordered = sorted(addresses, key=lambda a: neighbourhood(a).sort_key())
    assert ordered == ["RT 01/RW 01", "RT 02/RW 01", "RW 01", "RT 01/RW 02", "RT 05", ""]


def test_label():
    assert neighbourhood("rt.3 rw.2").label() == "RT 03/RW 02"
    assert neighbourhood("RW 4").label() == "RW 04"
    assert neighbourhood("Krajan").label() == ""
