"""REST: the process PDF (background job) and the process ZIP."""
