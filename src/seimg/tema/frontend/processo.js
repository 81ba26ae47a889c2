// The process workspace (seimg.processos.browser.area_trabalho).
//
// Without this script every tree link loads its page (each selection has its
// own URL) and PDFs are reached by their download link. With it:
// - selecting in the tree swaps only the right pane (`?parcial=painel`),
//   keeps the URL in the history (back/forward work) and moves focus to the
//   pane's heading;
// - external PDFs are drawn with pdf.js (loaded on demand from the theme),
//   page by page as they scroll into view.

const PAINEL = "#seimg-visualizador";

function mensagem(texto) {
  const p = document.createElement("p");
  p.className = "alert alert-warning";
  p.textContent = texto;
  return p;
}

async function desenharPdf(caixa) {
  if (caixa.dataset.pronto) return;
  caixa.dataset.pronto = "1";
  const base = caixa.dataset.pdfjs;
  let pdfjs;
  try {
    pdfjs = await import(/* webpackIgnore: true */ `${base}pdf.min.mjs`);
    pdfjs.GlobalWorkerOptions.workerSrc = `${base}pdf.worker.min.mjs`;
    const pdf = await pdfjs.getDocument({
      url: caixa.dataset.pdf,
      withCredentials: true,
      isEvalSupported: false,
    }).promise;
    const total = pdf.numPages;
    const observador = new IntersectionObserver(
      (entradas) => {
        for (const entrada of entradas) {
          if (!entrada.isIntersecting) continue;
          observador.unobserve(entrada.target);
          desenharPagina(pdf, entrada.target);
        }
      },
      { rootMargin: "400px 0px" },
    );
    for (let n = 1; n <= total; n++) {
      const pagina = document.createElement("div");
      pagina.className = "seimg-pdf-pagina";
      pagina.dataset.pagina = String(n);
      pagina.setAttribute("role", "img");
      pagina.setAttribute("aria-label", `Página ${n} de ${total}`);
      caixa.appendChild(pagina);
      observador.observe(pagina);
    }
  } catch (erro) {
    caixa.appendChild(
      mensagem("Não foi possível mostrar o PDF aqui: use o link para abri-lo."),
    );
  }
}

async function desenharPagina(pdf, alvo) {
  const pagina = await pdf.getPage(Number(alvo.dataset.pagina));
  const largura = Math.max(alvo.clientWidth, 200);
  const base = pagina.getViewport({ scale: 1 });
  const escala = largura / base.width;
  const razao = window.devicePixelRatio || 1;
  const vista = pagina.getViewport({ scale: escala * razao });
  const tela = document.createElement("canvas");
  tela.width = Math.floor(vista.width);
  tela.height = Math.floor(vista.height);
  tela.style.width = "100%";
  tela.setAttribute("aria-hidden", "true");
  alvo.appendChild(tela);
  await pagina.render({ canvas: tela, canvasContext: tela.getContext("2d"), viewport: vista })
    .promise;
}

function prepararPdfs(raiz) {
  raiz.querySelectorAll(".seimg-pdf[data-pdf]").forEach((caixa) => {
    // On phones the download link is the viewer (see processo.css).
    if (window.matchMedia("(max-width: 767.98px)").matches) return;
    desenharPdf(caixa);
  });
}

function marcarSelecao(url) {
  const alvo = url.split(/[?#]/)[0].replace(/\/$/, "");
  document.querySelectorAll("#seimg-arvore a[aria-current]").forEach((a) => {
    a.removeAttribute("aria-current");
  });
  document.querySelectorAll("#seimg-arvore a").forEach((a) => {
    if (a.href.replace(/\/$/, "") === alvo) a.setAttribute("aria-current", "page");
  });
}

async function mostrar(url, { historico = true } = {}) {
  const painel = document.querySelector(PAINEL);
  if (!painel) {
    window.location.href = url;
    return;
  }
  let resposta;
  try {
    const endereco = new URL(url, window.location.href);
    endereco.searchParams.set("parcial", "painel");
    resposta = await fetch(endereco, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
  } catch (erro) {
    resposta = null;
  }
  if (!resposta || !resposta.ok) {
    window.location.href = url; // the page itself says what went wrong
    return;
  }
  // Only the pane itself: whatever else came with it stays out.
  const recebido = new DOMParser().parseFromString(await resposta.text(), "text/html");
  const novo = recebido.querySelector(".seimg-painel");
  if (!novo) {
    window.location.href = url;
    return;
  }
  painel.replaceChildren(document.importNode(novo, true));
  if (historico) history.pushState({ seimg: url }, "", url);
  marcarSelecao(url);
  const titulo = painel.querySelector(".seimg-painel-titulo");
  if (titulo) {
    titulo.setAttribute("tabindex", "-1");
    titulo.focus();
    const nome = painel.querySelector("#seimg-documento-titulo") || titulo;
    const base = document.title.split(" — ").slice(-1)[0];
    document.title = `${nome.textContent.trim().replace(/\s+/g, " ")} — ${base}`;
  }
  prepararPdfs(painel);
}

function iniciar() {
  const arvore = document.querySelector("#seimg-arvore");
  prepararPdfs(document);
  if (!arvore || !document.querySelector(PAINEL)) return;
  arvore.addEventListener("click", (evento) => {
    const link = evento.target.closest("a.seimg-doc-link, a#seimg-no-processo");
    if (!link || evento.ctrlKey || evento.metaKey || evento.shiftKey || evento.button) {
      return;
    }
    evento.preventDefault();
    mostrar(link.href);
  });
  history.replaceState({ seimg: window.location.href }, "", window.location.href);
  window.addEventListener("popstate", (evento) => {
    if (evento.state && evento.state.seimg) {
      mostrar(evento.state.seimg, { historico: false });
    }
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", iniciar);
} else {
  iniciar();
}
