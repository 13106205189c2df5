// Content calendar drag and drop: dropping a piece on a day posts to the same schedule service as
// the forms (JSON, CSRF token in X-CSRFToken). A refusal is shown with its reasons, the nearest
// slot that fits and, for managers, an override with a written reason. Served by the app.
(function () {
  "use strict";

  var table = document.querySelector("table[data-move-url]");
  if (!table) return;
  var moveUrl = table.getAttribute("data-move-url");
  var csrf = table.getAttribute("data-csrf");
  var canOverride = table.getAttribute("data-can-override") === "1";
  var zone = table.getAttribute("data-zone") || "Asia/Shanghai";
  var t = window.hemline.t;
  var expired = t("calendar.expired");
  var box = document.getElementById("cal-message");
  var dragged = null;

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function show(kind, title, lines) {
    clear(box);
    box.className = "cal-message flash flash-" + kind;
    box.appendChild(element("strong", title));
    (lines || []).forEach(function (line) {
      box.appendChild(element("p", line));
    });
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  function localTime(iso) {
    return new Date(iso).toLocaleString(document.documentElement.lang || "zh-CN", {
      timeZone: zone, month: "numeric", day: "numeric", weekday: "short",
      hour: "2-digit", minute: "2-digit",
    });
  }

  function send(body) {
    show("info", t("calendar.scheduling"));
    fetch(moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        // A session that expired answers 401 (or, behind a proxy, redirects to the login page).
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
        if (response.status === 401 || response.redirected) {
          return { status: 401, data: { message: expired } };
        }
        if (!json) return { status: response.status, data: {} };
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) {
        var data = result.data || {};
        if (result.status === 200 && data.ok) {
          show("success", data.message, data.warnings);
          window.setTimeout(function () { window.location.reload(); }, 900);
        } else if (data.error === "policy") {
          refused(body, data);
        } else if (result.status === 401) {
          show("danger", t("calendar.failed"), [expired]);
        } else {
          show("danger", t("calendar.failed"), [data.message || t("calendar.reload")]);
        }
      })
      .catch(function () {
        show("danger", t("calendar.failed"), [t("calendar.offline")]);
      });
  }

  function refused(body, data) {
    var lines = (data.violations || []).map(function (v) { return v.message; });
    show("danger", t("calendar.refused"), lines);
    if (data.suggestion) box.appendChild(element("p", data.suggestion, "suggestion"));
    if (data.suggested_at) {
      var take = element("button", t("calendar.take_suggestion", { at: localTime(data.suggested_at) }), "primary");
      take.type = "button";
      take.addEventListener("click", function () {
        send({ piece: body.piece, at: data.suggested_at });
      });
      box.appendChild(take);
    }
    // A blackout is absolute: the server says so, and no override form is offered.
    if (canOverride && data.overridable !== false) box.appendChild(overrideForm(body));
  }

  function overrideForm(body) {
    var form = element("form", "", "override-form");
    var label = element("label", t("calendar.override_reason"));
    var reason = element("textarea");
    reason.rows = 2;
    reason.required = true;
    label.appendChild(reason);
    var submit = element("button", t("calendar.override"), "danger");
    submit.type = "submit";
    form.appendChild(label);
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!reason.value.trim()) return;
      var again = { piece: body.piece, override_reason: reason.value };
      if (body.at) again.at = body.at; else again.date = body.date;
      send(again);
    });
    return form;
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest ? event.target.closest("[data-piece]") : null;
    if (!item) return;
    dragged = item.getAttribute("data-piece");
    event.dataTransfer.setData("text/plain", dragged);
    event.dataTransfer.effectAllowed = "move";
    item.classList.add("dragging");
  });

  document.addEventListener("dragend", function (event) {
    var item = event.target.closest ? event.target.closest("[data-piece]") : null;
    if (item) item.classList.remove("dragging");
  });

  Array.prototype.forEach.call(table.querySelectorAll("td[data-date]"), function (cell) {
    cell.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      cell.classList.add("drop-target");
    });
    cell.addEventListener("dragleave", function () {
      cell.classList.remove("drop-target");
    });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("drop-target");
      var piece = event.dataTransfer.getData("text/plain") || dragged;
      if (piece) send({ piece: Number(piece), date: cell.getAttribute("data-date") });
    });
  });
})();
