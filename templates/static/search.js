// Pagefind's interface, in the page's language; the query can come from ?q= (shareable).
(function () {
  if (!window.PagefindUI) return;
  var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
