/** Dark by default; "light" is remembered in localStorage and applied as the class on <html>. */
export type Theme = "dark" | "light";

const KEY = "shotline.theme";

export function storedTheme(): Theme {
  try {
    return localStorage.getItem(KEY) === "light" ? "light" : "dark";
  } catch {
    return "dark";
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
  try {
    if (theme === "light") localStorage.setItem(KEY, "light");
    else localStorage.removeItem(KEY);
  } catch {
    // Storage may be unavailable (private mode); the class still switches for this visit.
  }
}
