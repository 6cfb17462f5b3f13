/**
 * An automation condition as plain data, exactly the contract's union (docs/automation.md): the protocol's type
 * (`protocol/automation.ts`, whose valibot schema reads it), which the evaluator reads and nothing else.
 */
export type { Condition } from "../../protocol/automation";
