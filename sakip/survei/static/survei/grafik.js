// Charts of a survey's result page, without inline scripts: the data is a json_script element written by Django
// ({"nrr": {...}, "rincian": [...]}) named by the data-grafik attribute of the canvas elements.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") { return; }
  var sumber = document.getElementById("data-grafik-survei");
  if (!sumber) { return; }
  var data = JSON.parse(sumber.textContent);
  var nrr = document.getElementById("grafik-nrr");
  if (nrr) {
    new Chart(nrr, {
      type: "bar",
      data: {labels: data.nrr.label, datasets: data.nrr.seri.map(function (s) {
        return {label: s.nama, data: s.data, backgroundColor: "#0b4f8a"};
      })},
      options: {
        animation: false,
        plugins: {legend: {display: false}, tooltip: {callbacks: {title: function (items) {
          var i = items[0].dataIndex; return data.nrr.label[i] + " " + data.nrr.judul[i];
        }}}},
        scales: {y: {min: data.nrr.min, max: data.nrr.maks}}
      }
    });
  }
  data.rincian.forEach(function (r) {
    var canvas = document.getElementById("grafik-" + r.id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "doughnut",
      data: {labels: r.label, datasets: [{data: r.data, backgroundColor: r.warna}]},
      options: {animation: false, plugins: {legend: {position: "right"}}}
    });
  });
});
