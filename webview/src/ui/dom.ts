/** Small DOM helpers: elements are built with text content only, never from HTML strings. */

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = "",
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  created.textContent = text;
  return created;
}

export function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const created = element("button", "tool", label);
  created.type = "button";
  created.title = title;
  created.addEventListener("click", onClick);
  return created;
}
