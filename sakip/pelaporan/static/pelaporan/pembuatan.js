// Background document generation on the report page (LKjIP, PK, IKU decree): the start form is posted with fetch, the job's status is polled
// every second and shown as a <progress> bar with its stage; when done the file is downloaded and a link is left.
// Without JavaScript the same form posts normally and lands on a self-refreshing status page.
(function () {
  "use strict";

  var JEDA = 1000; // ms between polls

  function isi(kotak, status) {
    kotak.hidden = false;
    kotak.textContent = "";
    if (status.status === "gagal") {
      var galat = document.createElement("p");
      galat.className = "error";
      galat.setAttribute("role", "alert");
      galat.textContent = status.pesan || "Dokumen gagal dibuat.";
      kotak.appendChild(galat);
      return;
    }
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = status.persen;
    bar.textContent = status.persen + "%";
    kotak.appendChild(bar);
    var tahap = document.createElement("p");
    tahap.className = "small pembuatan-tahap";
    tahap.textContent = (status.tahap || "Menunggu") + " — " + status.persen + "%";
    kotak.appendChild(tahap);
    if (status.url_unduh) {
      var tautan = document.createElement("a");
      tautan.href = status.url_unduh;
      tautan.className = "button small";
      tautan.textContent = "Unduh " + status.nama_berkas;
      kotak.appendChild(tautan);
    }
  }

  function galat(kotak, pesan) {
    isi(kotak, { status: "gagal", pesan: pesan });
  }

  function pantau(kotak, tombol, url) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error("Status pembuatan laporan tidak dapat dibaca (HTTP " + r.status + ").");
        return r.json();
      })
      .then(function (status) {
        isi(kotak, status);
        if (status.status === "selesai") {
          tombol.forEach(function (t) { t.disabled = false; });
          window.location.assign(status.url_unduh); // an attachment: the page stays
        } else if (status.status === "gagal") {
          tombol.forEach(function (t) { t.disabled = false; });
        } else {
          window.setTimeout(function () { pantau(kotak, tombol, url); }, JEDA);
        }
      })
      .catch(function (e) {
        tombol.forEach(function (t) { t.disabled = false; });
        galat(kotak, e.message);
      });
  }

  function mulai(ev) {
    var form = ev.target.closest("form[data-pembuatan]");
    if (!form || !window.fetch) return; // the plain post still works
    ev.preventDefault();
    var sel = form.closest("td") || form.parentNode;
    var kotak = sel.querySelector(".pembuatan-kemajuan");
    var tombol = Array.prototype.slice.call(sel.querySelectorAll("form[data-pembuatan] button"));
    tombol.forEach(function (t) { t.disabled = true; });
    isi(kotak, { status: "menunggu", persen: 0, tahap: "Memulai pembuatan laporan" });
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) throw new Error(data.pesan || "Laporan tidak dapat dibuat (HTTP " + r.status + ").");
          return data;
        }, function () {
          throw new Error("Laporan tidak dapat dibuat (HTTP " + r.status + ").");
        });
      })
      .then(function (status) {
        isi(kotak, status);
        pantau(kotak, tombol, status.url_status);
      })
      .catch(function (e) {
        tombol.forEach(function (t) { t.disabled = false; });
        galat(kotak, e.message);
      });
  }

  document.addEventListener("submit", mulai);
})();
