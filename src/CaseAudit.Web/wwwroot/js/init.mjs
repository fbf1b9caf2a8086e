import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js'

// GOV.UK Frontend's radios and checkboxes scripts set aria-expanded on the <input> that reveals
// conditional content; ARIA 1.2 does not allow it on role radio or checkbox (axe:
// aria-allowed-attr). Their script only writes it, never reads it, so it is taken off as soon
// as it is set; aria-controls (allowed) still ties the input to what it reveals, which follows
// it in reading order. See docs/decisions/0007-conditional-reveals-without-aria-expanded.md.
new MutationObserver((changes) => {
  for (const { target } of changes) {
    if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox') && target.hasAttribute('aria-expanded')) {
      target.removeAttribute('aria-expanded')
    }
  }
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] })

initAll()
