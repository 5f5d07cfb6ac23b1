import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeAccount } from "@/test/factories";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

describe("dashboard", () => {
  it("shows the six widgets with empty states", async () => {
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        HttpResponse.json(createFakeAccount({ name: "Ada Lovelace" })),
      ),
    );
    renderApp("/");

    const titles = [
      "Tasks Due Today",
      "Tasks In Review",
      "Overdue Tasks",
      "Latest Uploads",
      "Recent Feedback",
      "Artist Workload",
    ];
    for (const title of titles) {
      expect(await screen.findByRole("heading", { name: title, level: 2 })).toBeInTheDocument();
    }
    expect(screen.getAllByRole("region")).toHaveLength(6);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ada");
    expect(screen.getByText("Nothing due today")).toBeInTheDocument();
  });
});
