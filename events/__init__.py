"""WHEN and WHAT: the dated catalogue (events, territories, fronts), its model and loader."""
