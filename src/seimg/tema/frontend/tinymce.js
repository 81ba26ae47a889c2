// TinyMCE in Portuguese (seimg.tema): the pt_BR pack Plone ships leaves a
// few strings in English ("Redo"). Added before an editor draws its toolbar.
const TRADUCOES = {
  Redo: "Refazer",
};

function completar(tinymce) {
  tinymce.addI18n("pt_BR", TRADUCOES);
  tinymce.on("AddEditor", () => tinymce.addI18n("pt_BR", TRADUCOES));
}

function esperar(tentativas) {
  if (window.tinymce?.addI18n) {
    completar(window.tinymce);
  } else if (tentativas > 0) {
    requestAnimationFrame(() => esperar(tentativas - 1));
  }
}

if (document.querySelector(".pat-tinymce, textarea[data-pat-tinymce]")) {
  esperar(60 * 60); // about a minute of frames, then give up
}
