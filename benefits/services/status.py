"""The status rule of an indicator: på sporet / risiko / utenfor sporet (docs/benefits.md).

Numeric indicators: the expected value at the latest measurement's date is read off the
straight line from the latest baseline (on or before that date, else the earliest) to the
next target (the first target on or after that date, else the last). Progress is the share
of the planned change achieved: (latest − baseline) / (expected − baseline), with the sign
of the desired direction built in. At least 90 % of the expected change is on track, at
least 50 % is at risk, less is off track. For «stabil», the latest value within 5 % of the
baseline (relative; 0.25 on the 1–5 scale) is on track, within 10 % at risk, beyond it off
track. Only approved measurements count. Without a baseline, a target or an approved
measurement there is no status (None). Qualitative indicators take the owner's judgement.
"""

from decimal import Decimal

from benefits.models import Indicator, Measurement

ON_TRACK = Indicator.Judgement.ON_TRACK
AT_RISK = Indicator.Judgement.AT_RISK
OFF_TRACK = Indicator.Judgement.OFF_TRACK

ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.5")


def _approved(measurements):
    return [m for m in measurements if m.state == Measurement.State.APPROVED]


def indicator_status(indicator):
    """The indicator's status, or None if it cannot be told yet. No queries when its
    baselines, targets and measurements are prefetched (the register and the benefit page
    prefetch them)."""
    if indicator.is_qualitative:
        return indicator.owner_judgement or None
    measured = [m for m in _approved(indicator.measurements.all()) if m.value is not None]
    baselines = [b for b in indicator.baselines.all() if b.value is not None]
    targets = [t for t in indicator.targets.all() if t.value is not None]
    if not (baselines and measured and (targets or indicator.direction == "stabil")):
        return None
    latest = max(measured, key=lambda m: m.period_end)
    on = latest.period_end
    before = [b for b in baselines if b.measured_on <= on]
    base = (
        max(before, key=lambda b: b.measured_on)
        if before
        else min(baselines, key=lambda b: b.measured_on)
    )
    if indicator.direction == Indicator.Direction.STABLE:
        tolerance = (
            Decimal("0.25") if indicator.unit == "skala" else abs(base.value) * Decimal("0.05")
        )
        tolerance = tolerance or Decimal("0.01")
        gap = abs(latest.value - base.value)
        if gap <= tolerance:
            return ON_TRACK
        return AT_RISK if gap <= 2 * tolerance else OFF_TRACK
    ahead = [t for t in targets if t.target_date >= on]
    target = (
        min(ahead, key=lambda t: t.target_date)
        if ahead
        else max(targets, key=lambda t: t.target_date)
    )
    span = (target.target_date - base.measured_on).days
    elapsed = (on - base.measured_on).days
    fraction = (
        Decimal(1) if span <= 0 else min(Decimal(1), max(Decimal(0), Decimal(elapsed) / span))
    )
    expected_change = (target.value - base.value) * fraction
    achieved = latest.value - base.value
    sign = 1 if indicator.direction == Indicator.Direction.UP else -1
    expected_change, achieved = expected_change * sign, achieved * sign
    if expected_change <= 0:
        return ON_TRACK if achieved >= 0 else OFF_TRACK
    share = achieved / expected_change
    if share >= ON_TRACK_SHARE:
        return ON_TRACK
    return AT_RISK if share >= AT_RISK_SHARE else OFF_TRACK
