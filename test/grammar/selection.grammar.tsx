// SYNTAX TEST "source.tsx" "asset selection strings inside TSX"
const view = <Lineage filter={AssetSelection.fromString("+key:revenue or group:gold")} />;
//                                                       ^ keyword.operator.traversal.assetline
//                                                            ^^^^^^^ variable.other.constant.asset-key.assetline
//                                                                    ^^ keyword.operator.logical.assetline
