// seimg's script, loaded on every page (registry bundle "seimg").
// `make theme` bundles it and its imports into ../static/seimg.js.
import "./atalhos.js";
import "./formularios.js";
import "./processo.js";
import "./tinymce.js";
