// GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are set.
// A file rather than the usual inline snippet, so the Content-Security-Policy can forbid inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
