// fora_da_tela(page) in acessibilidade.py: what a person cannot reach at this
// viewport. Returns a list of sentences (empty when all is well).
(() => {
    const problemas = [];
    const doc = document.documentElement;
    const largura = window.innerWidth;
    if (doc.scrollWidth > largura) {
        problemas.push(
            `a página é mais larga que a janela: scrollWidth ${doc.scrollWidth} > ${largura}`
        );
    }
    const seletor = 'a[href], button, input:not([type="hidden"]), select, textarea, '
        + '[tabindex]:not([tabindex="-1"])';
    const descrever = (el) => {
        let nome = el.tagName.toLowerCase();
        if (el.id) nome += '#' + el.id;
        else if (el.classList.length) nome += '.' + [...el.classList].slice(0, 2).join('.');
        const texto = (el.innerText || el.value || el.getAttribute('aria-label') || '')
            .trim().replace(/\s+/g, ' ').slice(0, 40);
        return texto ? `${nome} "${texto}"` : nome;
    };
    const visivel = (el) => {
        if (el.closest('[hidden], [inert], [aria-hidden="true"]')) return false;
        // Inside a closed <details> (its summary is reachable, the rest not).
        const details = el.closest('details:not([open])');
        if (details && !(el.tagName === 'SUMMARY' && el.parentElement === details)
            && !el.closest('summary')) return false;
        for (let a = el; a && a !== doc; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.display === 'none' || s.visibility === 'hidden'
                || s.visibility === 'collapse') return false;
        }
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
    };
    // Skip links and the like stay out of view until focused: judge them focused.
    const atalho = (el) => {
        const s = getComputedStyle(el);
        return (el.matches('.visually-hidden-focusable, .sr-only-focusable, '
                + '.visually-hidden, .sr-only, .hiddenStructure')
            || (s.position === 'absolute' && (s.clip !== 'auto'
                || s.clipPath !== 'none')));
    };
    // Shown only when focused (skip links): judge it focused.
    const apareceAoFocar = (el) => {
        const antes = document.activeElement;
        el.focus({ preventScroll: true });
        const r = el.getBoundingClientRect();
        const dentro = document.activeElement === el && r.width > 1 && r.height > 1
            && r.left >= -1 && r.right <= largura + 1;
        el.blur();
        if (antes && antes.focus) antes.focus({ preventScroll: true });
        return dentro;
    };
    for (const el of document.querySelectorAll(seletor)) {
        if (el.disabled || !visivel(el) || atalho(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > largura + 1 || r.left < -1) {
            if (apareceAoFocar(el)) continue;
            problemas.push(
                `${descrever(el)} fora da janela (x ${Math.round(r.left)}..${Math.round(r.right)}, largura ${largura})`
            );
            continue;
        }
        for (let a = el.parentElement; a && a !== doc && a !== document.body;
             a = a.parentElement) {
            const s = getComputedStyle(a);
            const corta = (v) => v === 'hidden' || v === 'clip' || v === 'auto'
                || v === 'scroll';
            const cx = corta(s.overflowX), cy = corta(s.overflowY);
            if (!cx && !cy) continue;
            const ra = a.getBoundingClientRect();
            const rolavelX = (s.overflowX === 'auto' || s.overflowX === 'scroll')
                && a.scrollWidth > a.clientWidth;
            const rolavelY = (s.overflowY === 'auto' || s.overflowY === 'scroll')
                && a.scrollHeight > a.clientHeight;
            const foraX = cx && (r.left < ra.left - 1 || r.right > ra.right + 1);
            const foraY = cy && (r.top < ra.top - 1 || r.bottom > ra.bottom + 1);
            // A scrolling box's content may be scrolled into view vertically
            // (lists, tables); sideways it must not need scrolling to reach.
            if (foraX || (foraY && !rolavelY)) {
                problemas.push(
                    `${descrever(el)} cortado por ${descrever(a)} (overflow ${s.overflowX}/${s.overflowY}`
                    + `${rolavelX ? ', rola na horizontal' : ''})`
                );
                break;
            }
        }
    }
    return problemas;
})
