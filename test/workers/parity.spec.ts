import { describe, expect, inject, it } from "vitest";
import { postJson, request } from "./helpers.ts";

describe("the Worker answers as Node does", () => {
  it("over a sample of queries (search and chat) and codes (cards) in five languages", async () => {
    const expected = inject("nodeAnswers");
    expect(expected.length).toBeGreaterThan(100);
    for (const node of expected) {
      const res =
        node.request === undefined ? await request(node.path) : await postJson(node.path, node.request);
      expect({ ...node, status: res.status, body: await res.json() }).toEqual(node);
    }
  });
});
