// The main menu collapses behind a "Menu" button on narrow screens. The CSS hides the menu only under the "js"
// class set here, so without JavaScript the menu simply stays open. Loaded from this origin (Content-Security-Policy).
(function () {
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var tombol = document.querySelector(".menu-tombol");
    if (!tombol) { return; }
    var topbar = tombol.closest(".topbar");
    tombol.addEventListener("click", function () {
      var buka = topbar.classList.toggle("terbuka");
      tombol.setAttribute("aria-expanded", buka ? "true" : "false");
    });
  });
})();
