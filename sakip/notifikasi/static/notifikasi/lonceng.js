// The bell in the top bar: the unread count, fetched once per page (no query in every page's own render).
document.addEventListener("DOMContentLoaded", () => {
  const lonceng = document.querySelector("[data-url-jumlah]");
  if (!lonceng) return;
  fetch(lonceng.dataset.urlJumlah, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : null))
    .then((data) => {
      if (!data || !data.belum_dibaca) return;
      const angka = lonceng.querySelector(".jumlah-notifikasi");
      angka.textContent = data.belum_dibaca > 99 ? "99+" : String(data.belum_dibaca);
      angka.hidden = false;
      lonceng.title = `${data.belum_dibaca} notifikasi belum dibaca`;
    })
    .catch(() => {});
});
