"""Bounded request input (issue 14 item 14): huge integers, deep JSON, redirects, restore paths."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.api.services import create_token
from app.errors import InvalidInput
from app.extensions import db
from app.inputs import JSON_MAX_DEPTH, safe_next
from app.models import Piece, utcnow
from app.ops.backup import archive_member
from tests.conftest import login

HUGE = "99999999999999999999"
# Each of these answered 500 (an integer no database column holds) before app.inputs.
QUERIES = [
    "/topics?page=",
    "/pieces?page=",
    "/pieces?channel=",
    "/pieces/new?topic=",
    "/review/?channel=",
    "/review/?writer=",
    "/audit?page=",
    "/audit?id=",
    "/lexicon/?page=",
    "/lexicon/versions?page=",
    "/lexicon/versions/diff?new=",
    "/lexicon/versions/diff?old=",
    "/lexicon/transfer?page=",
    "/lexicon/export.csv?version=",
    "/lexicon/export.xlsx?version=",
    "/calendar?owner=",
]
PATHS = ["/topics/{n}", "/pieces/{n}", "/pieces/{n}/revisions", "/review/{n}", "/admin/users/{n}"]


@pytest.fixture
def everyone(client, make_user):
    user = make_user("writer", "reviewer", "manager", "legal", "admin")
    login(client, user)
    return user


@pytest.mark.parametrize("url", QUERIES)
def test_a_huge_integer_argument_is_a_clear_400(client, everyone, url) -> None:
    response = client.get(url + HUGE)
    assert response.status_code == 400
    assert "超出范围" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", PATHS)
def test_a_huge_id_in_a_path_is_a_404(client, everyone, url) -> None:
    assert client.get(url.format(n=HUGE)).status_code == 404


def test_text_that_is_not_a_number_keeps_its_default(client, everyone) -> None:
    assert client.get("/topics?page=abc").status_code == 200


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [JSON_MAX_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_a_400_on_every_json_endpoint(
    client, everyone, make_piece, depth
) -> None:
    deep = '{"body": ' + "[" * depth + "]" * depth + "}"
    token = create_token(everyone.username, "测试", scopes=["check"], days=90, now=utcnow())[0]
    answers = [
        client.post(
            "/api/v1/check",
            data=deep,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        ),
        client.post("/pieces/check", data=deep, content_type="application/json"),
        client.post(
            "/calendar/move",
            data='{"piece": 1, "x": ' + "[" * depth + "]" * depth + "}",
            content_type="application/json",
        ),
    ]
    assert [answer.status_code for answer in answers] == [400, 400, 400]


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        " /review/1",
        "",
        None,
    ],
)
def test_safe_next_refuses_anything_but_a_path_here(target) -> None:
    assert safe_next(target, "/fallback") == "/fallback"


def test_safe_next_keeps_a_path_here() -> None:
    assert safe_next("/review/12?tab=comments#c3", "/fallback") == "/review/12?tab=comments#c3"


def test_the_comment_redirect_ignores_a_tab_smuggled_host(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = client.post(  # as the report sent it: next=/%09/evil.example, raw in the body
        f"/review/{piece.id}/comments",
        data="body=%E8%AF%B7%E8%A1%A5%E5%9B%BE&next=/%09/evil.example",
        content_type="application/x-www-form-urlencoded",
    )
    # the value arrives decoded ("/\t/evil.example"); browsers drop the tab: //evil.example
    assert response.status_code == 302
    assert response.headers["Location"] in (
        f"/pieces/{piece.id}",
        f"http://localhost/pieces/{piece.id}",
    )


@pytest.mark.parametrize("name", ["/etc/hostname", "../outside.sqlite3", "a/../../x", "a\\b", ""])
def test_restore_reads_only_members_of_the_archive(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.sqlite3").write_bytes(b"")
    folder = tmp_path / "extracted"
    folder.mkdir()
    with pytest.raises(InvalidInput):
        archive_member(folder, name)


def test_restore_refuses_a_link_out_of_the_archive(tmp_path: Path) -> None:
    folder = tmp_path / "extracted"
    folder.mkdir()
    (folder / "database.sqlite3").symlink_to("/etc/hostname")
    with pytest.raises(InvalidInput):
        archive_member(folder, "database.sqlite3")
    (folder / "real.sqlite3").write_bytes(b"SQLite")
    assert archive_member(folder, "real.sqlite3") == folder / "real.sqlite3"


@pytest.mark.real_db  # the backup reads the database file
def test_restore_refuses_a_manifest_naming_an_absolute_path(
    runner, make_piece, tmp_path: Path
) -> None:
    kept = make_piece(title="备份前的稿件").id
    archive = tmp_path / "hemline.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes((tmp_path / "hemline.tar.gz").read_bytes()[:0])
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive, "r:gz") as old, tarfile.open(forged, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.loads(data.read()) | {"database_file": str(elsewhere)}
                body = json.dumps(manifest).encode()
                member.size, data = len(body), io.BytesIO(body)
            new.addfile(member, data)

    refused = runner.invoke(args=["restore", str(forged), "--yes"])

    assert refused.exit_code != 0 and "备份文件以外" in refused.output
    assert [p.id for p in db.session.scalars(select(Piece))] == [kept]


@pytest.mark.parametrize(
    "kind, name",
    [
        ("link", "uploads/passwd"),  # a symbolic link, even to a file inside
        ("hardlink", "uploads/hard"),
        ("file", "/tmp/absolute.txt"),
        ("file", "uploads/../../escape.txt"),
        ("fifo", "uploads/pipe"),
    ],
)
@pytest.mark.real_db  # the backup reads the database file; an accepted archive is restored
def test_restore_refuses_an_archive_with_a_member_a_backup_never_holds(
    runner, tmp_path: Path, kind: str, name: str
) -> None:
    """Only regular files and folders named inside the archive are unpacked, on every Python
    3.11 (Debian's 3.11.2 has no tarfile filters): anything else refuses the whole file."""
    archive = tmp_path / "hemline.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive, "r:gz") as old, tarfile.open(forged, "w:gz") as new:
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member) if member.isfile() else None)
        extra = tarfile.TarInfo(name)
        if kind == "link":
            extra.type, extra.linkname = tarfile.SYMTYPE, "manifest.json"
        elif kind == "hardlink":
            extra.type, extra.linkname = tarfile.LNKTYPE, "manifest.json"
        elif kind == "fifo":
            extra.type = tarfile.FIFOTYPE
        body = b"x" if kind == "file" else b""
        extra.size = len(body)
        new.addfile(extra, io.BytesIO(body) if body else None)

    refused = runner.invoke(args=["restore", str(forged), "--yes"])

    assert refused.exit_code != 0 and "不是有效的备份文件" in refused.output
    assert not (tmp_path / "escape.txt").exists() and not Path("/tmp/absolute.txt").exists()
