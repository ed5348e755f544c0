// The export page's "select all fields" toggle (django-import-export), without an inline
// onchange attribute: our Content-Security-Policy allows only scripts from files.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
      }
    });
  });
});
