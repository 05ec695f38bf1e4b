// Click a highlight in an article: show its record (speaker, kind, date said, confidence) in the panel.
// No inline script anywhere: the Content-Security-Policy allows only this file.
"use strict";
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-rec]") : null;
  const panel = document.getElementById("panel");
  if (!target || !panel) return;
  const rec = target.getAttribute("data-rec");
  const row = document.getElementById("rec-" + rec);
  if (!row) return;
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
  document.querySelectorAll('[data-rec="' + CSS.escape(rec) + '"]').forEach((el) => el.classList.add("active"));
  const heads = Array.from(row.closest("table").querySelectorAll("thead th")).map((th) => th.textContent);
  const dl = document.createElement("dl");
  Array.from(row.children).forEach((cell, i) => {
    const dt = document.createElement("dt");
    dt.textContent = heads[i] || "";
    const dd = document.createElement("dd");
    dd.append(...Array.from(cell.cloneNode(true).childNodes));
    dl.append(dt, dd);
  });
  const title = document.createElement("h3");
  title.textContent = row.dataset.kind === "figure" ? "Figure" : "Statement";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.textContent = "×";
  close.addEventListener("click", () => { panel.hidden = true; });
  panel.replaceChildren(close, title, dl);
  panel.hidden = false;
});
