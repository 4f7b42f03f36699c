// The main menu collapses behind a "Menu" button on narrow screens. The CSS hides the menu only under the "js"
// class set here, so without JavaScript the menu simply stays open. Loaded from this origin (Content-Security-Policy).
(function () {
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // One menu group open at a time; a click elsewhere or Escape closes it.
    var grup = document.querySelectorAll(".menu-grup");
    function tutupSemua(kecuali) {
      grup.forEach(function (g) { if (g !== kecuali) { g.removeAttribute("open"); } });
    }
    grup.forEach(function (g) {
      g.addEventListener("toggle", function () { if (g.open) { tutupSemua(g); } });
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest(".menu-grup")) { tutupSemua(null); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        var buka = document.querySelector(".menu-grup[open]");
        if (buka) { buka.removeAttribute("open"); buka.querySelector("summary").focus(); }
      }
    });
    var tombol = document.querySelector(".menu-tombol");
    if (!tombol) { return; }
    var topbar = tombol.closest(".topbar");
    tombol.addEventListener("click", function () {
      var buka = topbar.classList.toggle("terbuka");
      tombol.setAttribute("aria-expanded", buka ? "true" : "false");
    });
  });
})();
