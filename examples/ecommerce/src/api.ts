import { AssetSpec, MaterializeResult, multiAsset } from "assetline";

/** Fetches data from multiple entities in a single API call */
export const extract_from_api = multiAsset(
  { specs: [AssetSpec("users"), AssetSpec("posts"), AssetSpec("comments")], group: "api" },
  async function* (ctx) {
    ctx.log.info("Making single call to API...");
    const response = {
      users: [{ id: 1, name: "John" }],
      posts: [{ id: 1, user_id: 1, title: "Hello" }],
      comments: [{ id: 1, post_id: 1, text: "Nice!" }],
    };
    yield new MaterializeResult({
      assetKey: "users",
      value: response.users,
      metadata: { count: response.users.length },
    });
    yield new MaterializeResult({
      assetKey: "posts",
      value: response.posts,
      metadata: { count: response.posts.length },
    });
    yield new MaterializeResult({
      assetKey: "comments",
      value: response.comments,
      metadata: { count: response.comments.length },
    });
  },
);
