// The letter preview: apply the positions the letter template gives (the envelope window) without a
// style attribute, which our Content-Security-Policy blocks. Setting properties through the CSSOM is allowed.
(function () {
  "use strict";
  document.querySelectorAll("[data-preview-style]").forEach(function (element) {
    element.getAttribute("data-preview-style").split(";").forEach(function (declaration) {
      var colon = declaration.indexOf(":");
      if (colon > 0) {
        element.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
      }
    });
  });
})();
