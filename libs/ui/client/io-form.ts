// Forms of the import page: an answer with 400 is the form again with its error, swapped in
// like a success (htmx leaves error answers out by default).
export function mount(form: HTMLElement): void {
  form.addEventListener('htmx:beforeSwap', (event) => {
    const detail = (
      event as CustomEvent<{ xhr: XMLHttpRequest; shouldSwap: boolean; isError: boolean }>
    ).detail;
    if (detail.xhr.status === 400) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
}
