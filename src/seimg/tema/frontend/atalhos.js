// Skip links (seimg.tema): move the focus to the target, so the next Tab
// starts there; "Go to the menu" opens the collapsed menu on small screens.
document.addEventListener("click", (evento) => {
  const atalho = evento.target.closest?.(".seimg-atalho");
  if (!atalho) return;
  const alvo = document.getElementById(atalho.hash.slice(1));
  if (!alvo) return;
  if (alvo.id === "portal-globalnav-wrapper") {
    const botao = document.querySelector("#portal-logo-wrapper .navbar-toggler");
    if (botao && botao.offsetParent !== null) {
      evento.preventDefault();
      botao.click();
      return;
    }
  }
  if (!alvo.hasAttribute("tabindex")) {
    alvo.setAttribute("tabindex", "-1");
    alvo.classList.add("seimg-alvo-atalho");
  }
  // Now, not later: a Tab pressed right after must start from the target.
  alvo.focus();
});
