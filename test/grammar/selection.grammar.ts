// SYNTAX TEST "source.ts" "asset selection strings inside TypeScript"
import { AssetSelection, defineAssetJob } from "assetline";

export const gold = defineAssetJob({ name: "gold", selection: "group:gold and key:orders*+" });
//                                                             ^^^^^ entity.other.attribute-name.assetline
//                                                                  ^ punctuation.separator.key-value.assetline
//                                                                   ^^^^ constant.other.attribute-value.assetline
//                                                                        ^^^ keyword.operator.logical.assetline
//                                                                            ^^^ entity.other.attribute-name.assetline
//                                                                                ^^^^^^ variable.other.constant.asset-key.assetline
//                                                                                      ^ keyword.operator.wildcard.assetline
//                                                                                       ^ keyword.operator.traversal.assetline
//                                                            ^ punctuation.definition.string.begin.assetline
//                                                                                        ^ punctuation.definition.string.end.assetline
export const named = defineAssetJob({ name: "gold and key:x", selection: "*" });
//                                                ^^^ - keyword.operator.logical.assetline
export const up = defineAssetJob({ name: "up", selection: '2+key:"raw orders"+1 or +revenue' });
//                                                         ^ constant.numeric.depth.assetline
//                                                               ^^^^^^^^^^^^ variable.other.constant.asset-key.assetline
//                                                                            ^ constant.numeric.depth.assetline
//                                                                              ^^ keyword.operator.logical.assetline
//                                                                                 ^ keyword.operator.traversal.assetline
//                                                                                  ^^^^^^^ variable.other.constant.asset-key.assetline
export const tagged = defineAssetJob({ name: "t", selection: "tag:tier=gold AND NOT kind:dbt OR owner:team-crm" });
//                                                            ^^^ entity.other.attribute-name.assetline
//                                                                ^^^^ constant.other.attribute-value.assetline
//                                                                    ^ keyword.operator.assignment.assetline
//                                                                     ^^^^ constant.other.attribute-value.assetline
//                                                                          ^^^ keyword.operator.logical.assetline
//                                                                              ^^^ keyword.operator.logical.assetline
//                                                                                       ^^^ constant.other.attribute-value.assetline
//                                                                                              ^^^^^ entity.other.attribute-name.assetline
//                                                                                                    ^^^^^^^^ constant.other.attribute-value.assetline
export const ends = defineAssetJob({ name: "e", selection: "sinks(roots(*)) or (key:warehouse/* and not 2024_sales)" });
//                                                          ^^^^^ support.function.assetline
//                                                                ^^^^^ support.function.assetline
//                                                                      ^ constant.language.all.assetline
//                                                                             ^ punctuation.section.parens.begin.assetline
//                                                                       ^ punctuation.section.parens.end.assetline
//                                                                                  ^^^^^^^^^^^ variable.other.constant.asset-key.assetline
//                                                                                                      ^^^^^^^^^^ variable.other.constant.asset-key.assetline
export const bad = defineAssetJob({ name: "b", selection: "colum:id or key:a" });
//                                                         ^^^^^ invalid.illegal.attribute.assetline
//                                                                  ^^ keyword.operator.logical.assetline
export const tables = defineAssetJob({ name: "t", selection: "column:order_id or table_name:silver.orders_*" });
//                                                            ^^^^^^ entity.other.attribute-name.assetline
//                                                                   ^^^^^^^^ constant.other.attribute-value.assetline
//                                                                               ^^^^^^^^^^ entity.other.attribute-name.assetline
//                                                                                          ^^^^^^^^^^^^^^^ constant.other.attribute-value.assetline
export const facts = defineAssetJob({ name: "f", selection: "status:stale and code_location:<null> or is:external" });
//                                                           ^^^^^^ entity.other.attribute-name.assetline
//                                                                  ^^^^^ constant.other.attribute-value.assetline
//                                                                            ^^^^^^^^^^^^^ entity.other.attribute-name.assetline
//                                                                                          ^^^^^^ constant.language.null.assetline
//                                                                                                    ^^ entity.other.attribute-name.assetline
export const more = defineAssetJob({ name: "m", selection: "job:nightly or changed_in_branch:main+ or tag:<null> or sinks" });
//                                                          ^^^ entity.other.attribute-name.assetline
//                                                              ^^^^^^^ constant.other.attribute-value.assetline
//                                                                         ^^^^^^^^^^^^^^^^^ entity.other.attribute-name.assetline
//                                                                                           ^^^^ constant.other.attribute-value.assetline
//                                                                                               ^ keyword.operator.traversal.assetline
//                                                                                                        ^^^^^^ constant.language.null.assetline
//                                                                                                                  ^^^^^ invalid.illegal.reserved.assetline
export const auto = defineAssetJob({ name: "a", selection: "automation_type:<null> or schedule:nightly and sensor:new_files" });
//                                                          ^^^^^^^^^^^^^^^ entity.other.attribute-name.assetline
//                                                                          ^^^^^^ constant.language.null.assetline
//                                                                                    ^^^^^^^^ entity.other.attribute-name.assetline
//                                                                                             ^^^^^^^ constant.other.attribute-value.assetline
//                                                                                                         ^^^^^^ entity.other.attribute-name.assetline
//                                                                                                                ^^^^^^^^^ constant.other.attribute-value.assetline
export const sinkKeys = defineAssetJob({ name: "s", selection: "my-sinks or sinks_daily" });
//                                                              ^^^^^^^^ variable.other.constant.asset-key.assetline
//                                                                          ^^^^^^^^^^^ variable.other.constant.asset-key.assetline
const parsed = AssetSelection.fromString("key:orders+2 and group:silver");
//                                            ^^^^^^ variable.other.constant.asset-key.assetline
//                                                  ^ keyword.operator.traversal.assetline
//                                                   ^ constant.numeric.depth.assetline
//                                                               ^^^^^^ constant.other.attribute-value.assetline

// selection: "group:gold and key:orders"
//                        ^^^ - keyword.operator.logical.assetline
const note = { description: "group:gold and key:orders" };
//                                      ^^^ - keyword.operator.logical.assetline
//                                              ^^^^^^ - variable.other.constant.asset-key.assetline
const text = "selection: key:a and key:b";
//                             ^^^ - keyword.operator.logical.assetline
const other = defineAssetJob({ name: "o", selection: "key:a" }).name;
//                                                             ^^^^^ - string.quoted.selection.assetline
