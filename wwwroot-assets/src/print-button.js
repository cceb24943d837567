// "In" buttons on the paper pages: a script file, not an inline onclick, so the content security policy stays strict.
document.addEventListener("click", function (event) {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
