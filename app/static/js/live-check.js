// Live compliance report in the piece editor: debounced checks while typing, highlights in the
// body, and the category, suggestion and legal basis of every hit on hover. Served by the app.
(function () {
  "use strict";

  var form = document.querySelector("form[data-check-url]");
  if (!form) return;
  var panel = document.getElementById("live-report");
  var fields = {
    title: form.querySelector("[name=title]"),
    summary: form.querySelector("[name=summary]"),
    body: form.querySelector("[name=body]"),
  };
  var channel = form.querySelector("[name=channel]");
  var csrf = form.querySelector("[name=csrf_token]");
  var labels = JSON.parse(document.getElementById("live-report-labels").textContent);
  var t = window.hemline.t;
  var nodes = window.hemline.nodes;
  var timer = null;
  var sequence = 0;
  var overlay = buildOverlay(fields.body);

  // Offsets in reports count code points (Python); JavaScript strings count UTF-16 units.
  function unitIndex(text, codePoint) {
    var units = 0;
    for (var i = 0; i < codePoint && units < text.length; i++) {
      var code = text.charCodeAt(units);
      units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    }
    return units;
  }

  function buildOverlay(textarea) {
    var wrap = document.createElement("div");
    wrap.className = "hl-wrap";
    textarea.parentNode.insertBefore(wrap, textarea);
    var layer = document.createElement("div");
    layer.className = "hl-layer";
    layer.setAttribute("aria-hidden", "true");
    layer.setAttribute("data-user-content", ""); // a copy of the body as written
    wrap.appendChild(layer);
    wrap.appendChild(textarea);
    textarea.addEventListener("scroll", function () {
      layer.scrollTop = textarea.scrollTop;
    });
    return layer;
  }

  // Category labels, suggestions and legal bases are word-list data (what legal wrote).
  function describe(hit) {
    return [
      (labels.categories[hit.category] || hit.category) + " · " + (labels.severities[hit.severity] || hit.severity),
      t("check.suggestion", { text: hit.suggestion || "—" }),
      t("check.basis", { text: hit.basis || "—" }),
    ].join("\n");
  }

  function describeNodes(hit) {
    var box = document.createDocumentFragment();
    var category = document.createElement("span");
    category.setAttribute("data-user-content", "");
    category.textContent = labels.categories[hit.category] || hit.category;
    box.appendChild(category);
    box.appendChild(document.createTextNode(" · " + (labels.severities[hit.severity] || hit.severity) + "\n"));
    box.appendChild(nodes("check.suggestion", { text: { user: hit.suggestion || "—" } }));
    box.appendChild(document.createTextNode("\n"));
    box.appendChild(nodes("check.basis", { text: { user: hit.basis || "—" } }));
    return box;
  }

  function select(hit) {
    var input = fields[hit.field];
    if (!input) return;
    var text = input.value;
    input.focus();
    input.setSelectionRange(unitIndex(text, hit.start), unitIndex(text, hit.end));
  }

  function paintBody(hits) {
    var text = fields.body.value;
    var bodyHits = hits.filter(function (h) { return h.field === "body"; });
    overlay.textContent = "";
    var cursor = 0;
    bodyHits.forEach(function (hit) {
      var start = unitIndex(text, hit.start);
      var end = unitIndex(text, hit.end);
      if (start < cursor) return; // overlapping hits: the first one is drawn
      overlay.appendChild(document.createTextNode(text.slice(cursor, start)));
      var mark = document.createElement("mark");
      mark.className = "sev-" + hit.severity;
      mark.textContent = text.slice(start, end);
      mark.title = describe(hit);
      mark.addEventListener("click", function () { select(hit); });
      overlay.appendChild(mark);
      cursor = end;
    });
    overlay.appendChild(document.createTextNode(text.slice(cursor) + "\n"));
    // Match the textarea's inner box (without its scroll bar) so lines wrap at the same place.
    fitOverlay();
  }

  function fitOverlay() {
    overlay.style.width = fields.body.clientWidth + "px";
    overlay.style.height = fields.body.clientHeight + "px";
    overlay.scrollTop = fields.body.scrollTop;
  }
  // A phone turned sideways (or a resized window) rewraps the textarea: follow it.
  window.addEventListener("resize", fitOverlay);

  // One line per field: “正文：最（2 次）、第一（1 次）”, each term once with its count.
  function reasonList(fieldsTerms, className, itemClass) {
    var list = document.createElement("ul");
    list.className = className;
    (fieldsTerms || []).forEach(function (reason) {
      var terms = document.createDocumentFragment();
      reason.terms.forEach(function (term, index) {
        if (index) terms.appendChild(document.createTextNode(t("check.term_separator")));
        terms.appendChild(nodes("check.term_times", { term: { user: term.term }, count: term.count }));
      });
      var item = document.createElement("li");
      if (itemClass) item.className = itemClass;
      item.setAttribute("data-field", reason.field);
      item.appendChild(nodes("check.field_terms", { field: reason.label || labels.fields[reason.field] || reason.field, terms: terms }));
      list.appendChild(item);
    });
    return list;
  }

  function render(report) {
    paintBody(report.hits);
    var verdict = report.verdict;
    var head = document.createElement("p");
    head.className = "verdict verdict-" + verdict;
    var total = report.total_hits === undefined ? report.hits.length : report.total_hits;
    head.textContent = t("check.head", { verdict: labels.verdicts[verdict], count: total, version: report.lexicon_version });
    var list = document.createElement("ol");
    list.className = "hits";
    report.hits.forEach(function (hit) {
      var item = document.createElement("li");
      item.className = "sev-" + hit.severity;
      var link = document.createElement("button");
      link.type = "button";
      link.className = "link";
      link.appendChild(nodes("check.quote", { field: labels.fields[hit.field] || hit.field, text: { user: hit.text } }));
      link.addEventListener("click", function () { select(hit); });
      var detail = document.createElement("div");
      detail.className = "hit-detail";
      detail.appendChild(describeNodes(hit));
      item.appendChild(link);
      item.appendChild(detail);
      list.appendChild(item);
    });
    panel.textContent = "";
    panel.appendChild(head);
    var reasons = report.reasons || {};
    if (verdict === "block") {
      var warn = document.createElement("p");
      warn.className = "error";
      warn.textContent = t("check.blocked");
      panel.appendChild(warn);
      panel.appendChild(reasonList(reasons.block, "block-reasons", "error"));
    }
    if ((reasons.review || []).length) {
      var review = document.createElement("p");
      review.className = "muted";
      review.textContent = t("check.review_reasons");
      panel.appendChild(review);
      panel.appendChild(reasonList(reasons.review, "review-reasons", ""));
    }
    if (total > report.hits.length) {
      // Repeated hits of one term are grouped: the server lists some and counts them all.
      var grouped = document.createElement("p");
      grouped.className = "muted small";
      var terms = document.createDocumentFragment();
      (report.terms || []).forEach(function (term, index) {
        if (index) terms.appendChild(document.createTextNode(t("check.separator")));
        terms.appendChild(nodes("check.term_count", { term: { user: term.term }, count: term.count }));
      });
      grouped.appendChild(nodes("check.grouped", { shown: report.hits.length, terms: "" }));
      grouped.appendChild(terms);
      panel.appendChild(grouped);
    }
    if (report.hits.length) panel.appendChild(list);
    else panel.appendChild(Object.assign(document.createElement("p"), { className: "empty", textContent: t("check.clean") }));
  }

  function check() {
    var mine = ++sequence;
    panel.setAttribute("aria-busy", "true");
    fetch(form.dataset.checkUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify({
        title: fields.title.value,
        summary: fields.summary.value,
        body: fields.body.value,
        channel: channel ? channel.value : "",
      }),
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (mine !== sequence) return; // a newer check is on its way
        panel.removeAttribute("aria-busy");
        if (result.ok) render(result.data);
        else panel.textContent = t("check.failed", { message: result.data.message || t("check.retry") });
      })
      .catch(function () {
        if (mine === sequence) panel.textContent = t("check.offline");
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  Object.keys(fields).forEach(function (name) {
    fields[name].addEventListener("input", schedule);
  });
  fields.body.addEventListener("input", function () { paintBody([]); });
  if (channel) channel.addEventListener("change", schedule);
  check();
})();
