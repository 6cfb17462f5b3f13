import type { PartitionsDefinitionData } from "../protocol";

/** The names of the dynamic partitions the graph's assets use, directly or as a dimension. */
export function dynamicNames(graph: { nodes: readonly { partitions?: PartitionsDefinitionData }[] }): string[] {
  const names = new Set<string>();
  const visit = (definition: PartitionsDefinitionData) => {
    if (definition.type === "dynamic") names.add(definition.name);
    else if (definition.type === "multi") for (const dimension of definition.dimensions) visit(dimension.definition);
  };
  for (const node of graph.nodes) if (node.partitions) visit(node.partitions);
  return [...names].sort();
}
