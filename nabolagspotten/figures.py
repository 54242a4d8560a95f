"""What Nabolagspotten hands the programme overview (called by name from the top floor):
`key_figures(year)`, the year's rounds summed per area and in total from `grant_statistics`
(three queries whatever the number of rounds and applications, no personal data)."""

from nabolagspotten.services.statistics import grant_statistics, total


def _by_name(item):
    (name, _id), _rows = item
    return name


def key_figures(year: int) -> dict:
    rows = grant_statistics(year=year)
    per_area: dict = {}
    for row in rows:
        per_area.setdefault((row.area_name, row.area_id), []).append(row)
    areas = [
        total(items, area_name=name)
        for (name, _id), items in sorted(per_area.items(), key=_by_name)
    ]
    return {
        "year": year,
        "rounds": len({row.round_id for row in rows}),
        "areas": areas,
        "total": total(rows),
    }
