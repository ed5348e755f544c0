/*
 * Directory search (/aanbod/), progressive enhancement only: without this
 * script every filter group is open and the page works the same.
 *
 * On narrow screens the filter groups nobody chose from start folded, so the
 * results are not pushed far below the fold. The visitor opens them at will.
 */
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 991.98px)");
  if (!narrow.matches) {
    return;
  }
  var groups = document.querySelectorAll("details[data-filter-group]");
  for (var i = 0; i < groups.length; i++) {
    if (!groups[i].hasAttribute("data-filter-chosen")) {
      groups[i].open = false;
    }
  }
})();
