"""S8 re-export permit (004): the export-control agencies, the guarantee, the permit."""
