"""Tracks: the lines a title's consensus is kept on, one name each in storage, options and output.

A track is a claim's event, except that a home release (digital, Blu-ray, DVD, VOD) is
`home_release` and a release in a country other than the US is `release (UK)`, so neither can
read as the release moving. The stored column `claims.track`, the `--event` options and every
report use these names; people read them as `track_noun` says ("home release", "filming").
"""

from __future__ import annotations

import re

from .models import Claim

TRACKS: tuple[str, ...] = ("production_start", "production_end", "trailer", "premiere", "release", "home_release")
NOUNS = {"production_start": "filming", "production_end": "filming wraps", "trailer": "trailer",
         "premiere": "premiere", "release": "release", "home_release": "home release"}
_REGIONAL = re.compile(r"^release \((?P<region>[^()]+)\)$")


def track_of(claim: Claim) -> str:
    from .consensus import consensus_event

    return consensus_event(claim)


def is_track(name: str) -> bool:
    return name in TRACKS or bool(_REGIONAL.match(name))


def track_noun(track: str) -> str:
    """"filming", "home release", "release (UK)"."""
    return NOUNS.get(track) or track.replace("_", " ")


def claim_label(claim: Claim) -> str:
    """A claim's track as people read it, with a platform or window that says more: "home release
    (digital)", "release (Netflix)", "release (UK)" (the region is already in the track's name)."""
    track = track_of(claim)
    noun = track_noun(track)
    if claim.qualifier and claim.qualifier.casefold() not in noun.casefold():
        return f"{noun} ({claim.qualifier})"
    return noun
