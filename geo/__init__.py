"""WHERE: places, the offline gazetteer, holders and the tile-free base layer."""
