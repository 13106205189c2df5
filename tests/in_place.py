"""Reading a re-rendered page: where a refusal stands, and what a form still holds (issue 20).

A small reader on the standard library's HTML parser: for each element with an id, its text and
the ids of the elements around it, so that a test can say "the reason is inside the decision
form" rather than "the reason is somewhere on the page".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    around: list[str]  # ids of the enclosing elements, innermost last
    text: list[str] = field(default_factory=list)

    @property
    def content(self) -> str:
        return "".join(self.text).strip()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.by_id: dict[str, Element] = {}
        self.fields: list[Element] = []  # inputs, textareas and selects, with their form's id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        around = [e.attrs["id"] for e in self.open if "id" in e.attrs]
        element = Element(tag, values, around)
        if "id" in values:
            self.by_id.setdefault(values["id"], element)
        if tag in ("input", "textarea", "select", "option", "button"):
            self.fields.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def refusal_in(
    html: str, form_id: str, field: str | None = None, *, inside: str | None = ""
) -> str:
    """The text of the refusal next to `field` of form `form_id` (its top when None); asserts it
    stands inside the element `inside` (default: the form itself; None: anywhere) and is
    announced (role=alert)."""
    error_id = f"{form_id}-{field}-error" if field else f"{form_id}-error"
    page = read(html)
    element = page.by_id.get(error_id)
    assert element is not None, f"no #{error_id} on the page"
    assert element.attrs.get("role") == "alert"
    if inside is not None:
        where = inside or form_id
        assert where in element.around, f"#{error_id} is not inside #{where}"
    return element.content


def has_form(html: str, form_id: str) -> bool:
    return form_id in read(html).by_id


def controls(html: str, form_id: str) -> list[Element]:
    """The inputs, textareas, selects and buttons inside form `form_id`."""
    return [e for e in read(html).fields if form_id in e.around]


def value_of(html: str, form_id: str, name: str) -> str | None:
    """What the form holds for `name`: a textarea's text, a checked radio's value, an input's
    value, a select's selected option (None if nothing)."""
    page = read(html)
    inside = [e for e in page.fields if form_id in e.around]
    for element in inside:
        if element.attrs.get("name") != name:
            continue
        if element.tag == "textarea":
            return element.content
        if element.attrs.get("type") in ("radio", "checkbox"):
            if "checked" in element.attrs:
                return element.attrs.get("value", "")
            continue
        if element.tag == "input":
            return element.attrs.get("value", "")
    return None
