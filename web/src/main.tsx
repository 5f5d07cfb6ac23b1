import "@/index.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";

import { App } from "@/app/app";
import { createQueryClient } from "@/app/query-client";
import { routes } from "@/app/routes";
import { applyTheme, storedTheme } from "@/lib/theme";

applyTheme(storedTheme());

const container = document.getElementById("root");
if (!container) throw new Error("Shotline: #root element is missing from index.html");

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
