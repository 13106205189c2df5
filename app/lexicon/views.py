"""Word-list management for legal and admins: the blueprint and the entry list.

The other pages add their routes to ``bp`` from entry_views (entries, categories, versions,
sandbox, reports) and transfer_views (import and export); create_app imports all three.
"""

from __future__ import annotations

from dataclasses import fields

from flask import Blueprint, current_app, render_template, request

from app.auth import roles_required
from app.checks.store import latest_version
from app.compliance import MATCH_MODES, SEVERITIES
from app.extensions import db, reads_alone
from app.lexicon.editing import EntryFilters, search_entries, usage_counts
from app.models import Category, ChannelKind, Role

bp = Blueprint("lexicon", __name__, url_prefix="/lexicon")
EDITORS = (Role.LEGAL, Role.ADMIN)


def categories() -> list[Category]:
    """Every category, by name."""
    return list(db.session.scalars(db.select(Category).order_by(Category.name)))


@bp.get("/")
@reads_alone
@roles_required(*EDITORS)
def entries() -> str:
    """Browse and search the current entries."""
    filters = EntryFilters(**{f.name: request.args.get(f.name, "") for f in fields(EntryFilters)})
    page = search_entries(
        filters, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"] * 2
    )
    hits, reports = usage_counts([row.entry_id for row in page.items])
    every_category = categories()  # once: the filter's options and the rows' labels
    return render_template(
        "lexicon/entries.html",
        page=page,
        filters=filters,
        hits=hits,
        reports=reports,
        categories=every_category,
        category_labels={c.name: c.label for c in every_category},
        severities=SEVERITIES,
        match_modes=MATCH_MODES,
        channel_kinds=list(ChannelKind),
        version=latest_version(),
    )
