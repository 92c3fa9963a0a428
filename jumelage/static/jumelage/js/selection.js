// Progressive enhancement of the nomination and pick forms: a running count of the
// applicants chosen so far, beside the number the cycle asks for. The forms work without it.
"use strict";

function showCount(counter) {
  const form = counter.closest("form");
  const wanted = counter.dataset.value;
  const chosen = [...form.querySelectorAll(`select[name^="${counter.dataset.prefix}"]`)]
    .filter((select) => select.value === wanted).length;
  counter.textContent = counter.dataset.template
    .replace("{count}", chosen)
    .replace("{n}", counter.dataset.of);
  counter.dataset.count = chosen;
  counter.classList.toggle("error", chosen > Number(counter.dataset.of));
  counter.hidden = false;
}

document.querySelectorAll("[data-choice-counter]").forEach((counter) => {
  showCount(counter);
  // Recount only when a list changes: recounting as a text box loses focus, during the
  // click that leaves it, swallowed that click in Chromium.
  counter.closest("form").addEventListener("change", (event) => {
    if (event.target.matches(`select[name^="${counter.dataset.prefix}"]`)) showCount(counter);
  });
});
