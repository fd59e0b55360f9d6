/* mtcheck article page: language tabs, finding tooltips, and links between highlights and the
   findings list. Without this script every language is shown in turn and links still work.
   Tooltips copy nodes already on the page (cloneNode), never HTML strings. */
(function () {
  "use strict";
  var root = document.documentElement;
  var tabs = Array.prototype.slice.call(document.querySelectorAll('nav.tabs [role="tab"]'));
  var panels = Array.prototype.slice.call(document.querySelectorAll("section.version"));
  var tip = document.getElementById("tip");
  root.classList.add("js");

  function select(panel, focusTab) {
    panels.forEach(function (p) { p.hidden = p !== panel; });
    tabs.forEach(function (t) {
      var on = t.getAttribute("aria-controls") === panel.id;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      if (on && focusTab) t.focus();
    });
  }

  function panelOf(el) {
    while (el && !(el.tagName === "SECTION" && el.classList.contains("version"))) el = el.parentElement;
    return el;
  }

  function markAfter(anchor) {
    var el = anchor.nextElementSibling;
    while (el && el.tagName !== "MARK") el = el.nextElementSibling;
    return el;
  }

  function follow(focus) {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var panel = target ? panelOf(target) : null;
    select(panel || panels[0], false);
    if (!target || !focus) return;
    if (target.classList.contains("anchor")) {
      var mark = markAfter(target);
      if (mark) {
        mark.focus();
        mark.classList.remove("flash");
        void mark.offsetWidth;
        mark.classList.add("flash");
      }
    } else if (target.tagName === "LI") {
      target.focus();
    }
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function (e) {
      e.preventDefault();
      history.pushState(null, "", "#" + tab.getAttribute("aria-controls"));
      select(document.getElementById(tab.getAttribute("aria-controls")), true);
    });
    tab.addEventListener("keydown", function (e) {
      var step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      var next = tabs[(i + step + tabs.length) % tabs.length];
      history.replaceState(null, "", "#" + next.getAttribute("aria-controls"));
      select(document.getElementById(next.getAttribute("aria-controls")), true);
    });
  });

  function hideTip() { tip.hidden = true; tip.replaceChildren(); }

  function showTip(mark) {
    var nodes = mark.getAttribute("data-f").split(" ").map(function (fid) {
      var body = document.getElementById(fid + "-d");
      if (!body) return null;
      var copy = body.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      return copy;
    }).filter(Boolean);
    if (!nodes.length) return;
    tip.replaceChildren.apply(tip, nodes);
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  function markFrom(e) {
    var el = e.target;
    return el && el.closest ? el.closest("mark.hl") : null;
  }

  document.addEventListener("mouseover", function (e) { var m = markFrom(e); if (m) showTip(m); });
  document.addEventListener("mouseout", function (e) { if (markFrom(e)) hideTip(); });
  document.addEventListener("focusin", function (e) { var m = markFrom(e); if (m) showTip(m); else hideTip(); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hideTip(); return; }
    var m = markFrom(e);
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      location.hash = m.getAttribute("data-f").split(" ")[0];
    }
  });
  document.addEventListener("click", function (e) {
    var m = markFrom(e);
    if (m) location.hash = m.getAttribute("data-f").split(" ")[0];
  });
  window.addEventListener("hashchange", function () { follow(true); });
  window.addEventListener("popstate", function () { follow(false); });
  window.addEventListener("beforeprint", function () { panels.forEach(function (p) { p.hidden = false; }); });
  window.addEventListener("afterprint", function () { follow(false); });
  follow(!!location.hash);
})();
