"""S8 re-export permit: the export-control agencies, the guarantee check, the permit's term."""
