"""Integrations of bodycopy with data-processing frameworks (each imports its framework lazily)."""
