/**
 * Renders a job's `AssetSelection` builder chain to the string syntax by running the SDK's own builder on the
 * chain's literal arguments, so the analyzer and the runtime agree on the text. Only the builder's own methods
 * are called: nothing the user wrote is executed.
 */
import { AssetSelection, formatSelection, type SelectionExpr } from "../selection";
import type { BindingRef, BuilderArg, BuilderCall } from "./facts";

type Method = (...args: unknown[]) => unknown;

const STATIC_METHODS = new Set(
  Object.getOwnPropertyNames(AssetSelection).filter((name) => typeof Reflect.get(AssetSelection, name) === "function"),
);
// Methods only: a getter such as `expr` is no builder step (and Reflect.get would run it, not return a method).
const INSTANCE_METHODS = new Set(
  Object.getOwnPropertyNames(AssetSelection.prototype).filter(
    (name) =>
      name !== "constructor" &&
      name !== "toString" &&
      typeof Object.getOwnPropertyDescriptor(AssetSelection.prototype, name)?.value === "function",
  ),
);

/** The chain's text and its expression, which the caller evaluates without parsing the text back. */
export function renderBuilder(
  chain: BuilderCall[],
  keyOf: (ref: BindingRef) => string | undefined,
): { text: string; expr: SelectionExpr } | { problem: string } {
  try {
    // Reading `expr` resolves the handles, so a bad one throws here.
    const expr = evaluate(chain, keyOf).expr;
    return { text: formatSelection(expr), expr };
  } catch (error) {
    return {
      problem: `${(error as Error).message} Write the selection with AssetSelection's methods on literal values, or as a string.`,
    };
  }
}

function evaluate(chain: BuilderCall[], keyOf: (ref: BindingRef) => string | undefined): AssetSelection {
  let receiver: unknown = AssetSelection;
  chain.forEach((call, i) => {
    const allowed = i === 0 ? STATIC_METHODS : INSTANCE_METHODS;
    if (!allowed.has(call.method))
      throw new Error(`AssetSelection has no ${i === 0 ? "static " : ""}method "${call.method}".`);
    const method = Reflect.get(receiver as object, call.method) as Method;
    receiver = method.apply(
      receiver,
      call.args.map((arg) => argument(arg, keyOf)),
    );
  });
  if (!(receiver instanceof AssetSelection)) throw new Error("The selection does not end in an AssetSelection.");
  return receiver;
}

function argument(arg: BuilderArg, keyOf: (ref: BindingRef) => string | undefined): unknown {
  if (arg.type === "literal") return arg.value;
  if (arg.type === "builder") return evaluate(arg.chain, keyOf);
  const key = keyOf(arg.ref);
  if (key === undefined) throw new Error(`\`${arg.ref.name}\` is not an asset the analyzer can resolve.`);
  return key;
}
