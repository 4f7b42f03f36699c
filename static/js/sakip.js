// Charts without inline scripts (the Content-Security-Policy allows scripts from this origin only).
// A chart is a <canvas data-grafik="ID" data-jenis="batang|garis"> whose data is in <script type="application/json" id="ID">
// written by Django's json_script filter: {"label": [...], "seri": [{"nama": "...", "data": [...], "warna": "#..."}]}.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") { return; }
  document.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
    var sumber = document.getElementById(canvas.dataset.grafik);
    if (!sumber) { return; }
    var data = JSON.parse(sumber.textContent);
    var garis = canvas.dataset.jenis === "garis";
    new Chart(canvas, {
      type: garis ? "line" : "bar",
      data: {
        labels: data.label,
        datasets: data.seri.map(function (s) {
          return {label: s.nama, data: s.data, backgroundColor: s.warna, borderColor: s.warna,
                  borderDash: s.putus ? [6, 4] : [], spanGaps: true};
        })
      },
      options: {animation: false, plugins: {legend: {display: data.seri.length > 1}},
                scales: {y: {beginAtZero: !garis}}}
    });
  });
});
