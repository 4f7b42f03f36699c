// A small rich-text editor for narratives (no library, nothing loaded from elsewhere).
// Every <textarea data-editor-narasi> is hidden and replaced by a contenteditable area with a toolbar; the textarea
// stays in the form and is kept in sync, so the form posts HTML. The server sanitises it (sakip/lib/html_aman.py,
// the authoritative allow-list) and turns Word's list paragraphs into real lists. Without JavaScript the textarea
// is an ordinary plain-text field.
(function () {
  "use strict";

  var IZIN = {P: 1, BR: 1, STRONG: 1, B: 1, EM: 1, I: 1, U: 1, SUB: 1, SUP: 1, UL: 1, OL: 1, LI: 1, TABLE: 1,
              THEAD: 1, TBODY: 1, TR: 1, TH: 1, TD: 1, IMG: 1, H3: 1, H4: 1, SPAN: 1};
  var BUANG = {SCRIPT: 1, STYLE: 1, HEAD: 1, TITLE: 1, XML: 1, TEMPLATE: 1, META: 1, LINK: 1, NOSCRIPT: 1,
               IFRAME: 1, OBJECT: 1, EMBED: 1, SVG: 1, MATH: 1};
  var BATAS_GAMBAR = 1024 * 1024;   // bytes, as the server's html_aman.UKURAN_GAMBAR_MAKS
  var BATAS_ISI = 2400000;          // characters, as sakip.lib.forms.NarasiField.BATAS
  var DATA_GAMBAR = /^data:image\/(png|jpeg);base64,/;
  var TANDA_HTML = /<(p|br|ul|ol|li|table|tr|td|strong|em|b|i|u|h[1-6]|img|div|span)(\s[^<>]*)?\/?>/i;  // as html_aman

  // Plain text (older narratives, or a textarea filled without this script) as html_aman._teks_ke_html shows it:
  // each line a paragraph, "- " lines a bullet list, "1. " lines a numbered list.
  function teksKeFragmen(teks) {
    var frag = document.createDocumentFragment(), daftar = null, jenis = "";
    teks.replace(/\r\n/g, "\n").split("\n").forEach(function (baris) {
      var isi = baris.replace(/\s+/g, " ").trim();
      if (!isi) { daftar = null; return; }
      var butir = /^[-\u2013\u2022*\u00b7]\s+(.*)$/.exec(isi), nomor = /^\d{1,2}[.)]\s+(.*)$/.exec(isi);
      var cocok = butir || nomor;
      if (!cocok) {
        daftar = null;
        frag.appendChild(document.createElement("p")).textContent = isi;
        return;
      }
      var mau = butir ? "ul" : "ol";
      if (!daftar || jenis !== mau) { daftar = frag.appendChild(document.createElement(mau)); jenis = mau; }
      daftar.appendChild(document.createElement("li")).textContent = cocok[1];
    });
    return frag;
  }

  // Keep only what the server keeps (plus the mso-list hints it reads); never run anything from the clipboard:
  // DOMParser's document is inert, and only allow-listed elements and attributes are copied into the page.
  function gayaYangDipakai(gaya) {
    return (gaya || "").split(";").filter(function (s) {
      return /^\s*(mso-list|font-weight|font-style|text-decoration)/i.test(s);
    }).join(";");
  }

  function salin(dari, ke) {
    Array.prototype.forEach.call(dari.childNodes, function (n) {
      if (n.nodeType === 3) { ke.appendChild(document.createTextNode(n.nodeValue)); return; }
      if (n.nodeType !== 1) { return; }
      var tag = n.tagName.toUpperCase();
      if (BUANG[tag] || tag === "O:P") { return; }      // <o:p> holds Word's empty-paragraph &nbsp; only
      if (tag.indexOf(":") > 0) { salin(n, ke); return; }  // other Office tags (smart tags): their text stays
      if (tag === "DIV") { tag = "P"; }
      if (!IZIN[tag]) { salin(n, ke); return; }
      var el = document.createElement(tag.toLowerCase());
      var gaya = gayaYangDipakai(n.getAttribute("style"));
      if (gaya && (tag === "P" || tag === "SPAN" || tag === "H3" || tag === "H4")) { el.setAttribute("style", gaya); }
      if ((tag === "TD" || tag === "TH")) {
        ["colspan", "rowspan"].forEach(function (a) {
          if (/^\d{1,2}$/.test(n.getAttribute(a) || "")) { el.setAttribute(a, n.getAttribute(a)); }
        });
      }
      if (tag === "IMG") {
        var src = n.getAttribute("src") || "";
        if (!DATA_GAMBAR.test(src)) { return; }   // Word's file:/// images cannot be read by the page
        el.setAttribute("src", src);
        el.setAttribute("alt", n.getAttribute("alt") || "");
      }
      salin(n, el);
      ke.appendChild(el);
    });
  }

  // Word writes a list as paragraphs with style "mso-list:l0 level1 lfo1" and the marker in a
  // <span style="mso-list:Ignore">: show them as real lists at once (the server does the same on saving).
  var MSO_LIST = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i;
  var PENANDA_NOMOR = /^\(?[0-9a-zA-Z]{1,5}[.)]$/;

  function butirWord(el) {
    return el.nodeType === 1 && /^(P|H3|H4)$/.test(el.tagName) && MSO_LIST.test(el.getAttribute("style") || "");
  }

  function daftarWord(induk) {
    var tumpukan = [];  // [{level, id, daftar}]
    Array.prototype.slice.call(induk.childNodes).forEach(function (el) {
      if (!butirWord(el)) {
        if (el.nodeType === 1 || (el.nodeType === 3 && el.nodeValue.trim())) { tumpukan = []; }
        if (el.nodeType === 1) { daftarWord(el); }
        return;
      }
      var cocok = MSO_LIST.exec(el.getAttribute("style"));
      var id = cocok[1], level = parseInt(cocok[2], 10), penanda = "";
      var span = Array.prototype.filter.call(el.querySelectorAll("span"), function (s) {
        return /mso-list\s*:\s*ignore/i.test(s.getAttribute("style") || "");
      })[0];
      if (span) { penanda = span.textContent.replace(/\u00a0/g, " ").trim(); span.remove(); }
      var jenis = PENANDA_NOMOR.test(penanda) ? "ol" : "ul";
      while (tumpukan.length && (tumpukan[tumpukan.length - 1].level > level ||
             (tumpukan[tumpukan.length - 1].level === level && tumpukan[tumpukan.length - 1].id !== id))) {
        tumpukan.pop();
      }
      if (!tumpukan.length || tumpukan[tumpukan.length - 1].level < level) {
        var daftar = document.createElement(jenis);
        if (tumpukan.length) {
          var atas = tumpukan[tumpukan.length - 1].daftar;
          (atas.lastElementChild || atas).appendChild(daftar);
        } else {
          induk.insertBefore(daftar, el);
        }
        tumpukan.push({level: level, id: id, daftar: daftar});
      }
      var li = document.createElement("li");
      while (el.firstChild) { li.appendChild(el.firstChild); }
      tumpukan[tumpukan.length - 1].daftar.appendChild(li);
      el.remove();
    });
  }

  function htmlKeFragmen(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var frag = document.createDocumentFragment();
    salin(doc.body, frag);
    daftarWord(frag);
    return frag;
  }

  function sisipkan(area, frag) {
    area.focus();
    var sel = window.getSelection();
    var range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    if (!range || !area.contains(range.commonAncestorContainer)) {
      range = document.createRange();
      range.selectNodeContents(area);
      range.collapse(false);
    }
    range.deleteContents();
    var akhir = frag.lastChild;
    range.insertNode(frag);
    if (akhir) {
      range.setStartAfter(akhir);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  function bacaGambar(area, berkas, selesai) {
    if (!/^image\/(png|jpeg)$/.test(berkas.type)) {
      window.alert("Hanya gambar PNG atau JPEG yang dapat disisipkan.");
      return;
    }
    if (berkas.size > BATAS_GAMBAR) {
      window.alert("Gambar terlalu besar (maksimal 1 MB); perkecil gambar terlebih dahulu.");
      return;
    }
    var baca = new FileReader();
    baca.onload = function () {
      var img = document.createElement("img");
      img.src = baca.result;
      img.alt = "";
      var p = document.createElement("p");
      p.appendChild(img);
      var frag = document.createDocumentFragment();
      frag.appendChild(p);
      sisipkan(area, frag);
      selesai();
    };
    baca.readAsDataURL(berkas);
  }

  function tabelBaru(baris, kolom) {
    var t = document.createElement("table");
    for (var r = 0; r < baris; r++) {
      var tr = t.insertRow();
      for (var c = 0; c < kolom; c++) {
        var sel = document.createElement(r === 0 ? "th" : "td");
        sel.appendChild(document.createElement("br"));
        tr.appendChild(sel);
      }
    }
    var frag = document.createDocumentFragment();
    frag.appendChild(t);
    frag.appendChild(document.createElement("p")).appendChild(document.createElement("br"));
    return frag;
  }

  function tombol(label, judul, aksi) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "editor-tombol";
    b.innerHTML = label;
    b.title = judul;
    b.setAttribute("aria-label", judul);
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection in the area
    b.addEventListener("click", aksi);
    return b;
  }

  function pasang(textarea) {
    var area = document.createElement("div");
    var sinkron = function () { textarea.value = area.innerHTML; };
    area.className = "editor-isi";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.id = textarea.id + "_editor";
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
      label.setAttribute("for", area.id);
      label.addEventListener("click", function () { area.focus(); });
    }
    var awal = textarea.value || "";
    area.appendChild(TANDA_HTML.test(awal) ? htmlKeFragmen(awal) : teksKeFragmen(awal));
    if (!area.firstChild) { area.innerHTML = "<p><br></p>"; }  // typing starts inside a paragraph

    var perintah = function (nama) { return function () { area.focus(); document.execCommand(nama, false, null); sinkron(); }; };
    var bilah = document.createElement("div");
    bilah.className = "editor-bilah";
    bilah.setAttribute("role", "toolbar");
    bilah.setAttribute("aria-label", "Format teks");
    var pilihGambar = document.createElement("input");
    pilihGambar.type = "file";
    pilihGambar.accept = "image/png,image/jpeg";
    pilihGambar.hidden = true;
    pilihGambar.addEventListener("change", function () {
      if (pilihGambar.files[0]) { bacaGambar(area, pilihGambar.files[0], sinkron); }
      pilihGambar.value = "";
    });
    [
      tombol("<b>B</b>", "Tebal (Ctrl+B)", perintah("bold")),
      tombol("<i>I</i>", "Miring (Ctrl+I)", perintah("italic")),
      tombol("<u>U</u>", "Garis bawah (Ctrl+U)", perintah("underline")),
      tombol("&#8226; Butir", "Daftar berbutir", perintah("insertUnorderedList")),
      tombol("1. Nomor", "Daftar bernomor", perintah("insertOrderedList")),
      tombol("Tabel", "Sisipkan tabel 3 × 3", function () { sisipkan(area, tabelBaru(3, 3)); sinkron(); }),
      tombol("Gambar", "Sisipkan gambar PNG/JPEG (maks. 1 MB)", function () { pilihGambar.click(); }),
      tombol("Hapus format", "Hapus format teks terpilih", perintah("removeFormat"))
    ].forEach(function (b) { bilah.appendChild(b); });

    area.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html");
      var gambar = Array.prototype.filter.call(data.files || [], function (f) { return /^image\//.test(f.type); });
      if (html) {
        e.preventDefault();
        sisipkan(area, htmlKeFragmen(html));
      } else if (gambar.length) {
        e.preventDefault();
        bacaGambar(area, gambar[0], sinkron);
      } else {
        var teks = data.getData("text/plain");
        if (!teks) { return; }
        e.preventDefault();
        sisipkan(area, teksKeFragmen(teks));
      }
      sinkron();
    });
    area.addEventListener("input", sinkron);
    area.addEventListener("blur", sinkron);
    var form = textarea.form;
    if (form) {
      form.addEventListener("submit", function (e) {
        sinkron();
        if (textarea.value.length > BATAS_ISI) {
          e.preventDefault();
          window.alert("Narasi terlalu besar untuk disimpan (lebih dari 2,4 MB); kurangi atau perkecil gambar.");
        }
      });
    }
    var bungkus = document.createElement("div");
    bungkus.className = "editor-narasi";
    bungkus.appendChild(bilah);
    bungkus.appendChild(area);
    bungkus.appendChild(pilihGambar);
    textarea.hidden = true;
    textarea.insertAdjacentElement("afterend", bungkus);
  }

  document.addEventListener("DOMContentLoaded", function () {
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* older browsers */ }
    document.querySelectorAll("textarea[data-editor-narasi]").forEach(pasang);
  });
}());
