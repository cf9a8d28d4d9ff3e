// Starts Pagefind's search box; the query is the text of the box or ?q= in the address.
(function () {
  "use strict";
  if (location.protocol === "file:") {
    document.getElementById("search-from-disk").hidden = false;
    return;
  }
  // Results link below the folder this page is in, wherever the site is served from.
  var base = new URL(".", location.href).pathname;
  var ui = new PagefindUI({ element: "#search", baseUrl: base, showSubResults: true, showImages: false, resetStyles: false });
  // Pagefind's box has a title but no label: screen readers and axe-core need one.
  var box = document.querySelector("#search input");
  if (box) { box.setAttribute("aria-label", "Search enterprises, initiatives and contact subjects"); }
  var query = new URLSearchParams(location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
