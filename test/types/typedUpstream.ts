/**
 * Compiled by `npm run typecheck`, never run. Each `@ts-expect-error` must meet a real type error,
 * or tsc fails with "Unused '@ts-expect-error' directive": the wrong uses below prove the typing.
 */
import { AssetSpec, asset, multiAsset, MaterializeResult } from "assetline";

const orders = asset({ group: "bronze" }, () => [{ id: 1, amount: 10 }]);
const counted = asset({ ins: { orders } }, () => new MaterializeResult({ value: 42, metadata: { note: "counted" } }));

export const total = asset({ ins: { orders, counted, raw: "some/key" } }, ({ orders, counted, raw }) => {
  const sum: number = orders.reduce((acc, order) => acc + order.amount, 0);
  const count: number = counted;
  // @ts-expect-error an upstream's rows have no `price`
  orders[0]?.price;
  // @ts-expect-error a MaterializeResult<number> stores a number, not a string
  const wrong: string = counted;
  // @ts-expect-error a key-string upstream is `unknown` until narrowed
  raw.toFixed();
  return { sum, count, wrong };
});

// @ts-expect-error `ins` values are handles or key strings
asset({ ins: { bad: 42 } }, () => 0);

// @ts-expect-error a test call must pass every declared input
total({ orders: [] });

// @ts-expect-error inputs keep their types in direct calls too
total({ orders: [{ id: "x", amount: 1 }], counted: 1, raw: null });

const users = AssetSpec<{ name: string }[]>("users");
export const names = asset({ ins: { users } }, ({ users }) => users.map((user) => user.name.toUpperCase()));

export const api = multiAsset({ specs: [users] }, function* () {
  yield new MaterializeResult({ assetKey: "users", value: [{ name: "ada" }] });
});

// @ts-expect-error a multi-asset without `ins` is called with a context only
api({ users: [] });
