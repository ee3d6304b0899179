// Zicht's own script: kept tiny; behaviour comes from HTMX attributes in the templates.
// No inline scripts anywhere (Content-Security-Policy: script-src 'self').
document.addEventListener("DOMContentLoaded", () => {
  // Submit the language form as soon as a language is chosen (the button stays for keyboards).
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", () => select.form.requestSubmit());
});
