// Progress bar of a word-list import running in the background: polls the JSON status endpoint
// until the import is done or failed, then shows the new version (or the reason). Served by the app.
(function () {
  "use strict";

  var card = document.querySelector("[data-status-url]");
  if (!card) return;
  var url = card.getAttribute("data-status-url");
  var delay = 500;

  function field(name) {
    return card.querySelector('[data-field="' + name + '"]');
  }

  function show(state) {
    card.setAttribute("data-state", state);
    var panels = card.querySelectorAll("[data-show]");
    for (var i = 0; i < panels.length; i++) {
      panels[i].hidden = panels[i].getAttribute("data-show") !== state;
    }
  }

  function render(status) {
    var bar = field("bar");
    field("phase").textContent = status.phase_label || "";
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
      field("count").textContent = window.hemline.t("import.count", { done: status.done, total: status.total });
    } else {
      bar.removeAttribute("value"); // indeterminate while the phase has no row count
      field("count").textContent = "";
    }
    if (status.state === "done") {
      field("version").textContent = status.version;
      if (status.version_url) field("version-link").href = status.version_url;
    }
    if (status.state === "failed") field("message").textContent = status.message || window.hemline.t("import.failed");
    show(status.state === "pending" ? "running" : status.state);
    return status.state === "done" || status.state === "failed";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (status) {
        delay = 500;
        if (!render(status)) window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 5000); // the server may be busy; keep trying, more slowly
        window.setTimeout(poll, delay);
      });
  }

  var state = card.getAttribute("data-state");
  if (state !== "done" && state !== "failed") poll();
})();
