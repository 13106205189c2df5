// Review page helpers: reason templates fill the reason box; selecting text in the source
// anchors the next comment to that span (offsets in code points, as the server counts them).
(function () {
  "use strict";

  var template = document.querySelector("select[data-fills]");
  if (template) {
    template.addEventListener("change", function () {
      var box = document.querySelector("[name=" + template.dataset.fills + "]");
      if (template.value && box) box.value = box.value ? box.value + "\n" + template.value : template.value;
      template.value = "";
    });
  }

  var source = document.getElementById("comment-source");
  var form = document.getElementById("comment-form");
  if (!source || !form) return;

  function codePoints(text) {
    return Array.from(text).length;
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) return;
    var before = document.createRange();
    before.selectNodeContents(source);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(before.toString());
    var quoted = range.toString();
    form.elements.field.value = source.dataset.field;
    form.elements.start.value = start;
    form.elements.end.value = start + codePoints(quoted);
    var note = document.getElementById("comment-anchor");
    note.hidden = false;
    note.textContent = "";
    note.appendChild(window.hemline.nodes("review.anchor", { text: { user: quoted.slice(0, 60) + (quoted.length > 60 ? "…" : "") } }));
  });
})();
