// Zicht's own script: kept tiny; behaviour comes from HTMX attributes in the templates.
// No inline scripts anywhere (Content-Security-Policy: script-src 'self').
document.addEventListener("DOMContentLoaded", () => {
  // Submit the language form as soon as a language is chosen (the button stays for keyboards).
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", () => select.form.requestSubmit());
});

// Canned replies: fill the reply box, with {bijnaam} replaced by the young person's nickname.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.dataset.cannedTarget) return;
  const box = document.getElementById(select.dataset.cannedTarget);
  if (box && select.value) {
    box.value = select.value.replaceAll("{bijnaam}", select.dataset.nickname || "");
    box.focus();
  }
});
