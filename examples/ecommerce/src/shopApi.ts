import { EnvVar, defineResource } from "assetline";

export interface ShopExport {
  users: { id: number; name: string }[];
  posts: { id: number; user_id: number; title: string }[];
  comments: { id: number; post_id: number; text: string }[];
}

/** What the assets use of the shop's API: one call that exports several entities. */
export interface ShopApi {
  exportAll(): Promise<ShopExport>;
}

/**
 * The shop's API client, authenticated by the `SHOP_API_TOKEN` variable (the environment, else the workspace's `.env`).
 * The example's shop is simulated in process: it needs a token, as the real one would, and answers the article's data.
 */
export const shop_api = defineResource({
  config: { token: EnvVar("SHOP_API_TOKEN") },
  setup: ({ token }): ShopApi => {
    if (token.trim() === "")
      throw new Error("SHOP_API_TOKEN is empty: set it to your shop's API token (see .env.example)");
    return {
      exportAll: async () => ({
        users: [{ id: 1, name: "John" }],
        posts: [{ id: 1, user_id: 1, title: "Hello" }],
        comments: [{ id: 1, post_id: 1, text: "Nice!" }],
      }),
    };
  },
});
