"""Topics, pieces, revisions: the writer's side of the pipeline."""
