// Escape hides the reason shown for the mark under the pointer or in focus (WCAG 1.4.13:
// content shown on hover or focus can be dismissed); moving the pointer or focus shows it again.
(function () {
  "use strict";
  var root = document.documentElement;
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") root.setAttribute("data-hide-tips", "");
  });
  function show() { root.removeAttribute("data-hide-tips"); }
  document.addEventListener("mousemove", show);
  document.addEventListener("focusin", show);
})();
