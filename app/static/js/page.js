// Behaviour every page shares, wired by data- attributes (no inline handlers: the CSP forbids them).
//   data-confirm="…" on a form asks before it is submitted; on a button, before it submits.
//   data-select-on-click selects an input's text when clicked (copy a link).
//   data-history-back goes back one page instead of following the link.
//   .refusal-reason (a refused action's reason, app/templates/macros.html) is scrolled into view.
// And the scripts' texts in the reader's language: hemline.t(key, params) reads the JSON block
// #js-messages (app/js_messages.py); hemline.nodes(key, params) builds the same text as DOM nodes
// with the params given as {user: "…"} in <span data-user-content> (what people wrote); a param
// that is a DOM node (a fragment built the same way) is put in its place.
(function () {
  "use strict";

  var catalog = null;
  function messages() {
    if (catalog === null) {
      var block = document.getElementById("js-messages");
      try {
        catalog = block ? JSON.parse(block.textContent) : {};
      } catch (error) {
        catalog = {};
      }
    }
    return catalog;
  }
  function parts(key, params) {
    var text = messages()[key] || key;
    return text.split(/%\((\w+)\)s/).map(function (part, index) {
      if (index % 2 === 0) return part;
      var value = params && Object.prototype.hasOwnProperty.call(params, part) ? params[part] : "";
      return value;
    });
  }
  window.hemline = {
    t: function (key, params) {
      return parts(key, params).map(function (part) {
        return part !== null && typeof part === "object" ? String(part.user) : String(part);
      }).join("");
    },
    nodes: function (key, params) {
      var fragment = document.createDocumentFragment();
      parts(key, params).forEach(function (part) {
        if (part instanceof Node) {
          fragment.appendChild(part);
        } else if (part !== null && typeof part === "object") {
          var span = document.createElement("span");
          span.setAttribute("data-user-content", "");
          span.textContent = String(part.user);
          fragment.appendChild(span);
        } else if (part !== "") {
          fragment.appendChild(document.createTextNode(String(part)));
        }
      });
      return fragment;
    },
  };

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

  // A refused action comes back on the page it was taken on (app.forms.answers_in_place), with
  // the reason next to its control, which may stand far down a phone screen: bring it into view.
  var refusal = document.querySelector(".refusal-reason");
  if (refusal) refusal.scrollIntoView({ block: "center" });
})();
