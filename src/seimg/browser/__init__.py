"""Browser views, viewlets and page templates of seimg's Classic UI."""
