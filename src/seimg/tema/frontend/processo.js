// The process workspace (filled in by its owner).
