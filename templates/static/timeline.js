// Timeline filters and order, read from and written to the URL (shareable links).
// Without JavaScript the page shows every event, oldest first.
(function () {
  var form = document.getElementById("filters"), timeline = document.getElementById("timeline");
  if (!form || !timeline) return;
  var noMatch = document.querySelector(".no-match");
  function params() { return new URLSearchParams(window.location.search); }
  function apply(p) {
    var actor = p.get("actor") || "", kind = p.get("kind") || "";
    var hideContext = p.get("context") === "hide", desc = p.get("order") === "desc";
    form.actor.value = actor; form.kind.value = kind;
    form.context.checked = hideContext; form.order.checked = desc;
    var shown = 0;
    timeline.querySelectorAll("li.event").forEach(function (li) {
      var ok = (!actor || (" " + li.dataset.actors + " ").indexOf(" " + actor + " ") >= 0) &&
               (!kind || li.dataset.kind === kind) && !(hideContext && li.dataset.importance === "context");
      li.hidden = !ok; if (ok) shown++;
    });
    timeline.querySelectorAll(".day, .month").forEach(function (g) {
      g.hidden = !g.querySelector("li.event:not([hidden])");
    });
    order(desc);
    document.querySelectorAll(".axis-mark").forEach(function (m) {
      var li = document.getElementById("e-" + m.dataset.event);
      m.classList.toggle("dimmed", !!li && li.hidden);
    });
    if (noMatch) noMatch.hidden = shown > 0;
  }
  // Newest first reverses the document itself, so that reading and tab order follow.
  var current = false;
  function reverse(parent, selector) {
    var items = Array.prototype.filter.call(parent.children, function (c) { return c.matches(selector); });
    items.reverse().forEach(function (c) { parent.appendChild(c); });
  }
  function order(desc) {
    if (desc === current) return;
    current = desc;
    reverse(timeline, "section.month");
    timeline.querySelectorAll("section.month").forEach(function (m) { reverse(m, ".day"); });
    timeline.querySelectorAll("ol.events").forEach(function (ol) { reverse(ol, "li"); });
  }
  function fromForm() {
    var p = new URLSearchParams();
    if (form.actor.value) p.set("actor", form.actor.value);
    if (form.kind.value) p.set("kind", form.kind.value);
    if (form.context.checked) p.set("context", "hide");
    if (form.order.checked) p.set("order", "desc");
    var q = p.toString();
    history.replaceState(null, "", q ? "?" + q : window.location.pathname);
    apply(p);
  }
  form.addEventListener("change", fromForm);
  form.addEventListener("submit", function (e) { e.preventDefault(); fromForm(); });
  form.querySelector("button").hidden = true;      // changes apply at once
  apply(params());
})();
