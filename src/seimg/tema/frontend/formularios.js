// Forms without dead ends (seimg.blocos, seimg.notas…): small enhancements of
// pages that work without them.
//
// <input data-seimg-filtro="#lista"> filters the children of #lista that carry
// data-filtro (lower-case text) as the user types: a long list of labelled
// checkboxes becomes searchable by keyboard. Checked items always stay visible.

function semAcentos(texto) {
  return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function filtrar(campo) {
  const lista = document.querySelector(campo.dataset.seimgFiltro);
  if (!lista) return;
  const termos = semAcentos(campo.value.trim()).split(/\s+/).filter(Boolean);
  let visiveis = 0;
  for (const item of lista.querySelectorAll("[data-filtro]")) {
    const texto = semAcentos(item.dataset.filtro);
    const marcado = item.querySelector("input:checked") !== null;
    const mostra = marcado || termos.every((t) => texto.includes(t));
    item.hidden = !mostra;
    if (mostra) visiveis += 1;
  }
  const aviso = document.getElementById(`${lista.id}-contagem`);
  if (aviso) aviso.textContent = aviso.dataset.modelo.replace("{n}", visiveis);
}

// TinyMCE (6+) leaves its editing iframe without a name: give it the
// field's label (form-widgets-texto_ifr → <label for="form-widgets-texto">).
function nomearEditores(raiz) {
  for (const quadro of raiz.querySelectorAll("iframe.tox-edit-area__iframe:not([title])")) {
    const campo = quadro.id.replace(/_ifr$/, "");
    const rotulo = document.querySelector(`label[for="${campo}"]`);
    const texto = rotulo ? rotulo.textContent.trim().replace(/\s+/g, " ") : "";
    quadro.setAttribute("title", texto || campo);
  }
}

// plone.formwidget.namedfile names its file input "<widget id>-input" while
// the field's label points at "<widget id>": tie the label to the input.
function rotularArquivos(raiz) {
  for (const campo of raiz.querySelectorAll("input[type=file][id$='-input']")) {
    if (campo.labels && campo.labels.length) continue;
    const rotulo = document.querySelector(`label[for="${campo.id.replace(/-input$/, "")}"]`);
    if (!rotulo) continue;
    if (!rotulo.id) rotulo.id = `${campo.id}-rotulo`;
    campo.setAttribute("aria-labelledby", rotulo.id);
  }
}

function iniciar() {
  rotularArquivos(document);
  nomearEditores(document);
  new MutationObserver(() => nomearEditores(document)).observe(document.body, {
    childList: true,
    subtree: true,
  });
  for (const campo of document.querySelectorAll("[data-seimg-filtro]")) {
    campo.addEventListener("input", () => filtrar(campo));
    campo.addEventListener("keydown", (evento) => {
      // Enter in the filter must not submit the form it sits in.
      if (evento.key === "Enter") evento.preventDefault();
    });
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", iniciar);
} else {
  iniciar();
}
