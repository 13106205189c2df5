// Behaviour every page shares, wired by data- attributes (no inline handlers: the CSP forbids them).
//   data-confirm="…" on a form asks before it is submitted; on a button, before it submits.
//   data-select-on-click selects an input's text when clicked (copy a link).
//   data-history-back goes back one page instead of following the link.
(function () {
  "use strict";

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) event.preventDefault();
    },
    true
  );

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target.closest ? event.target.closest("[data-confirm], [data-select-on-click], [data-history-back]") : null;
      if (!target || target.tagName === "FORM") return;
      if (target.hasAttribute("data-select-on-click")) {
        target.select();
        return;
      }
      if (target.hasAttribute("data-history-back")) {
        event.preventDefault();
        window.history.back();
        return;
      }
      if (!window.confirm(target.getAttribute("data-confirm"))) event.preventDefault();
    },
    true
  );
})();
