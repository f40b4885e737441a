"""The atlas's data as files for GIS tools, globes and gazetteers: GeoJSON, GeoPackage, KML, LPF."""
