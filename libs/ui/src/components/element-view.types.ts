/** A marking as badges show it. */
export type MarkingView = { id: string; definition: string; color?: string | undefined };

/** A label as badges show it. */
export type LabelView = { value: string; color?: string | undefined };

/** An element as lists and cards show it (resolved names, no ids to look up later). */
export type ElementRow = {
  id: string;
  name: string;
  entityType: string;
  createdBy?: { id: string; name: string } | undefined;
  labels: LabelView[];
  markings: MarkingView[];
  created?: string | undefined;
  modified?: string | undefined;
  confidence?: number | undefined;
};
