"""DCWorkflow definitions, guards, local-role providers and their subscribers."""
